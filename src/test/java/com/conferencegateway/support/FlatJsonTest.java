package com.conferencegateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void onlyTheWantedTopLevelStringsAndNumbersAreRead() {
    Map<String, Object> f = FlatJson.read(bytes("""
        {"a":"x","skip":{"a":"nested","b":[1,{"c":2}]},"b":42,"c":1.5,"d":null,"e":true,"f":[1,2],"g":{"h":1},
         "other":"not wanted"}"""), Set.of("a", "b", "c", "d", "e", "f", "g"));
    assertThat(f).containsExactlyInAnyOrderEntriesOf(Map.of("a", "x", "b", 42L, "c", 1.5));
  }

  @Test
  void escapesAndMultiByteTextAreDecoded() {
    assertThat(FlatJson.read(bytes("{\"a\":\"\\u4f1a\\\"议\\n\"}"), Set.of("a"))).containsEntry("a", "会\"议\n");
  }

  @Test
  void whatIsNotOneJsonObjectIsRefusedSayingWhy() {
    assertThatThrownBy(() -> FlatJson.read(bytes("[1]"), Set.of("a"))).hasMessage("not a JSON object");
    assertThatThrownBy(() -> FlatJson.read(bytes("{\"a\":1} {\"b\":2}"), Set.of("a"))).hasMessage("not one JSON object");
    assertThatThrownBy(() -> FlatJson.read(bytes("{\"a\":\"x\",\"b\":"), Set.of("a"))).hasMessageStartingWith("not JSON: ");
    assertThatThrownBy(() -> FlatJson.read(bytes("{\"a\" 1}"), Set.of("a"))).hasMessageStartingWith("not JSON: ");
    assertThatThrownBy(() -> FlatJson.read(bytes(""), Set.of("a"))).hasMessage("not a JSON object");
    assertThatThrownBy(() -> FlatJson.read(null, Set.of("a"))).hasMessageContaining("tombstone");
  }
}
