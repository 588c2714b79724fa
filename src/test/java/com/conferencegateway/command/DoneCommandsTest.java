package com.conferencegateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DoneCommandsTest {
  private final DoneCommands done = new DoneCommands(3);

  private static JsonObject result(String commandId, String sessionId) {
    return new CommandResult(commandId, "conference.create", CommandResult.SUCCEEDED, "0", "success", sessionId,
        "ACCOUNT-0001", null, 1, Instant.parse("2026-11-30T12:00:00.123Z"), null, null).toJson();
  }

  private static byte[] bytes(JsonObject json) {
    return json.toBuffer().getBytes();
  }

  @Test
  void aRecordedResultIsAnsweredAsItWasAndKeptInLessThanItsText() {
    JsonObject r = result("c1", "8F0D6A2B4C1E4E0F9A3B5C7D9E1F2A3B");
    done.record(r);
    assertThat(done.resultOf("c1")).isEqualTo(r);
    assertThat(CommandResult.PACKING.pack(bytes(r)).length).isLessThan(bytes(r).length * 6 / 10);
    assertThat(done.resultOf("c2")).isNull();
  }

  @Test
  void theFirstResultOfACommandStaysWhetherRecordedOrReadBack() {
    done.record(result("c1", "S1"));
    done.recordPublished(bytes(result("c1", "S2")));
    done.recordPublished(bytes(result("c2", "S3")));
    done.record(result("c2", "S4"));
    assertThat(done.resultOf("c1").getString("sessionId")).isEqualTo("S1");
    assertThat(done.resultOf("c2").getString("sessionId")).isEqualTo("S3");
  }

  @Test
  void theOldestAreForgottenPastTheBound() {
    for (int i = 1; i <= 4; i++) {
      done.recordPublished(bytes(result("c" + i, "S" + i)));
    }
    assertThat(done.size()).isEqualTo(3);
    assertThat(done.resultOf("c1")).isNull();
    assertThat(done.resultOf("c4").getString("sessionId")).isEqualTo("S4");
  }

  @Test
  void whatIsNotAResultIsRefusedAndNotRecorded() {
    assertThatThrownBy(() -> done.recordPublished(utf8("[1,2]"))).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> done.recordPublished(utf8("{\"type\":\"x\"}"))).hasMessageContaining("no commandId");
    assertThatThrownBy(() -> done.recordPublished(utf8("{\"commandId\":\"c9\",\"status\":"))).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> done.recordPublished(utf8("{\"commandId\" 1}"))).hasMessageContaining("not JSON");
    assertThat(done.size()).isZero();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
