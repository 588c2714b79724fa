package com.conferencegateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
  @Test
  void aSmallObjectIsItsJsonExactlyWithNothingAfterIt() {
    byte[] bytes = JsonBytes.write(g -> {
      g.writeStartObject();
      g.writeStringField("sessionId", "s1");
      g.writeStringField("describe", "状态数据");
      g.writeNumberField("version", 3);
      g.writeEndObject();
    });
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"sessionId\":\"s1\",\"describe\":\"状态数据\",\"version\":3}");
  }

  @Test
  void anObjectLargerThanTheGeneratorsBufferComesOutWholeAndInOrder() {
    String big = "x".repeat(20_000) + "end";
    byte[] bytes = JsonBytes.write(g -> {
      g.writeStartObject();
      g.writeStringField("a", big);
      g.writeStringField("b", big.replace('x', 'y'));
      g.writeEndObject();
    });
    JsonObject back = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    assertThat(back.getString("a")).isEqualTo(big);
    assertThat(back.getString("b")).startsWith("yyy").endsWith("end").hasSize(big.length());
    assertThat(bytes).hasSize(2 * big.length() + "{\"a\":\"\",\"b\":\"\"}".length());
  }

  @Test
  void nothingWrittenIsNoBytesAndAWritersFailureSurfaces() {
    assertThat(JsonBytes.write(g -> { })).isEmpty();
    assertThatThrownBy(() -> JsonBytes.write(g -> {
      throw new IOException("the writer failed");
    })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("the writer failed");
  }
}
