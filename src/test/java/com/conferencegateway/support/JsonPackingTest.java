package com.conferencegateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JsonPackingTest {
  private static final List<String> TOKENS = List.of("{\"id\":", ",\"state\":", ",\"at\":", "null", "\"ended\"", "+08:00\"");
  private final JsonPacking packing = new JsonPacking(TOKENS);

  @Test
  void eachTokenBecomesOneByteAndUnpackingGivesBackTheSameBytes() {
    byte[] json = bytes("{\"id\":\"c1\",\"state\":\"ended\",\"at\":\"2026-11-30T20:00:00+08:00\",\"x\":null}");
    byte[] packed = packing.pack(json);
    assertThat(packed.length).isEqualTo(json.length - (6 - 1) - (9 - 1) - (7 - 1) - (7 - 1) - (6 - 1) - (4 - 1));
    assertThat(packing.unpack(packed)).isEqualTo(json);
  }

  @Test
  void tokensInsideStringValuesAndWhitespaceComeBackUnchanged() {
    byte[] json = bytes("{ \"id\" : \"{\\\"id\\\":null\",\n\t\"note\":\",\\\"state\\\":\\\"ended\\\"\"\r}");
    assertThat(packing.unpack(packing.pack(json))).isEqualTo(json);
  }

  @Test
  void anyTextWithoutRawCodeBytesRoundTrips() {
    Random random = new Random(42);
    List<byte[]> pieces = new ArrayList<>(TOKENS.stream().map(JsonPackingTest::bytes).toList());
    pieces.add(bytes("\"id"));
    pieces.add(bytes(",\"stat"));
    pieces.add(bytes("nul"));
    pieces.add(bytes("+08:00"));
    pieces.add(bytes("été 会议 \uD83D\uDCDE"));
    for (int round = 0; round < 20_000; round++) {
      java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
      int parts = random.nextInt(30);
      for (int p = 0; p < parts; p++) {
        if (random.nextInt(3) == 0) {
          text.writeBytes(pieces.get(random.nextInt(pieces.size())));
        } else {
          int b = 0x20 + random.nextInt(0x100 - 0x20);
          text.write(random.nextInt(20) == 0 ? "\t\n\r".charAt(random.nextInt(3)) : b);
        }
      }
      byte[] json = text.toByteArray();
      byte[] packed = packing.pack(json);
      assertThat(packed.length).isLessThanOrEqualTo(json.length);
      assertThat(packing.unpack(packed)).as("round %d", round).isEqualTo(json);
    }
  }

  @Test
  void theLongestTokenWinsWhereTwoStartAlike() {
    JsonPacking overlapping = new JsonPacking(List.of("\"a\":", "\"a\":null"));
    byte[] json = bytes("{\"a\":null,\"a\":1}");
    assertThat(overlapping.pack(json)).hasSize(json.length - 8 + 1 - 4 + 1);
    assertThat(overlapping.unpack(overlapping.pack(json))).isEqualTo(json);
  }

  @Test
  void aRawControlByteThatIsACodeIsRefusedNotMisread() {
    byte[] notJson = bytes("{\"id\":\"a\u0001b\"}");
    assertThatThrownBy(() -> packing.pack(notJson)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x1 at 8");
  }

  @Test
  void tabNewlineAndCarriageReturnAreNeverCodes() {
    List<String> many = IntStream.range(0, 28).mapToObj(i -> "\"f" + i + "\":").toList();
    JsonPacking full = new JsonPacking(many);
    byte[] json = bytes("{\t\"f0\":1,\n\"f27\":2\r}");
    assertThat(full.pack(json)).containsSequence((byte) '\t').containsSequence((byte) '\n').containsSequence((byte) '\r');
    assertThat(full.unpack(full.pack(json))).isEqualTo(json);
  }

  @Test
  void tooManyOrTooShortTokensAreRefused() {
    List<String> tooMany = IntStream.range(0, 29).mapToObj(i -> "\"f" + i + "\":").toList();
    assertThatThrownBy(() -> new JsonPacking(tooMany)).hasMessageContaining("at most 28");
    assertThatThrownBy(() -> new JsonPacking(List.of("x"))).hasMessageContaining("shorter than two bytes");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
