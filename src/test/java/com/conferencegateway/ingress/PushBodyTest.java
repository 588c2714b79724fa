package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Charsets and content encodings of a push body, undone into the UTF-8 the parser reads. */
class PushBodyTest {
  private static final int MAX = 1024 * 1024;
  private static final String TEXT = "{\"describe\":\"状态数据 用友移动通信技术有限公司\",\"data\":{}}";
  private static final Charset GBK = Charset.forName("GBK");

  private static String decoded(byte[] raw, String contentType, String encoding) {
    return new String(PushBody.decode(raw, contentType, encoding, MAX), StandardCharsets.UTF_8);
  }

  private static PushCode refusal(byte[] raw, String contentType, String encoding, int max) {
    try {
      PushBody.decode(raw, contentType, encoding, max);
    } catch (InvalidPush e) {
      return e.code();
    }
    throw new AssertionError("decoded without refusal");
  }

  static byte[] gzip(byte[] in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(in);
    }
    return out.toByteArray();
  }

  static byte[] deflate(byte[] in, boolean zlibWrapped) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, !zlibWrapped))) {
      d.write(in);
    }
    return out.toByteArray();
  }

  @Test
  void utf8IsTheDefaultAndPassesThroughUnchanged() {
    byte[] raw = TEXT.getBytes(StandardCharsets.UTF_8);
    assertThat(PushBody.decode(raw, "application/json", null, MAX)).isSameAs(raw);
    assertThat(decoded(raw, null, null)).isEqualTo(TEXT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GBK", "gbk", "GB2312", "GB18030", "\"GBK\""})
  void aNamedChineseCharsetIsDecoded(String charset) {
    Charset encoder = charset.contains("18030") ? Charset.forName("GB18030") : GBK;
    byte[] raw = TEXT.getBytes(encoder);
    assertThat(decoded(raw, "application/json; charset=" + charset, null)).isEqualTo(TEXT);
  }

  @Test
  void gbkWithNoCharsetNamedIsReadAsGb18030() {
    byte[] raw = TEXT.getBytes(GBK);
    assertThat(decoded(raw, "application/json", null)).isEqualTo(TEXT);
    assertThat(decoded(raw, null, null)).isEqualTo(TEXT);
  }

  @Test
  void bytesThatAreNotTheNamedCharsetAreMalformed() {
    byte[] gbk = TEXT.getBytes(GBK);
    assertThat(refusal(gbk, "application/json;charset=UTF-8", null, MAX)).isEqualTo(PushCode.MALFORMED);
  }

  @Test
  void anUnknownCharsetIs415() {
    assertThat(refusal(TEXT.getBytes(StandardCharsets.UTF_8), "application/json;charset=klingon-8", null, MAX))
        .isEqualTo(PushCode.UNSUPPORTED_ENCODING);
  }

  @Test
  void gzipIsInflatedAndThenDecodedWithItsCharset() throws Exception {
    assertThat(decoded(gzip(TEXT.getBytes(StandardCharsets.UTF_8)), "application/json", "gzip")).isEqualTo(TEXT);
    assertThat(decoded(gzip(TEXT.getBytes(GBK)), "application/json;charset=GBK", "GZIP")).isEqualTo(TEXT);
  }

  @Test
  void twoConcatenatedGzipMembersAreOneBody() throws Exception {
    byte[] a = gzip("{\"describe\":\"a".getBytes(StandardCharsets.UTF_8));
    byte[] b = gzip("b\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    assertThat(decoded(both, null, "gzip")).isEqualTo("{\"describe\":\"ab\",\"data\":{}}");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void deflateIsInflatedZlibWrappedOrRaw(boolean zlibWrapped) throws Exception {
    assertThat(decoded(deflate(TEXT.getBytes(StandardCharsets.UTF_8), zlibWrapped), null, "deflate")).isEqualTo(TEXT);
  }

  @Test
  void aBodyThatInflatesPastTheLimitIs413() throws Exception {
    byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(100 * 1024);
    assertThat(refusal(bomb, null, "gzip", MAX)).isEqualTo(PushCode.BODY_TOO_LARGE);
    assertThat(refusal(deflate(new byte[8 * MAX], true), null, "deflate", MAX)).isEqualTo(PushCode.BODY_TOO_LARGE);
  }

  @Test
  void aBodyOfExactlyTheLimitAfterInflationIsTaken() throws Exception {
    assertThat(PushBody.decode(gzip(new byte[MAX]), null, "gzip", MAX)).hasSize(MAX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"br", "compress", "zstd", "gzip, br"})
  void anotherContentEncodingIs415(String encoding) {
    assertThat(refusal(TEXT.getBytes(StandardCharsets.UTF_8), null, encoding, MAX))
        .isEqualTo(PushCode.UNSUPPORTED_ENCODING);
  }

  @Test
  void corruptOrTruncatedCompressedDataIsMalformed() throws Exception {
    byte[] good = gzip(TEXT.getBytes(StandardCharsets.UTF_8));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 12);
    byte[] badCrc = good.clone();
    badCrc[badCrc.length - 6] ^= 0x55;
    assertThat(refusal(truncated, null, "gzip", MAX)).isEqualTo(PushCode.MALFORMED);
    assertThat(refusal(badCrc, null, "gzip", MAX)).isEqualTo(PushCode.MALFORMED);
    assertThat(refusal(TEXT.getBytes(StandardCharsets.UTF_8), null, "gzip", MAX)).isEqualTo(PushCode.MALFORMED);
    assertThat(refusal(TEXT.getBytes(StandardCharsets.UTF_8), null, "deflate", MAX)).isEqualTo(PushCode.MALFORMED);
  }

  @Test
  void identityEncodingChangesNothing() {
    byte[] raw = TEXT.getBytes(StandardCharsets.UTF_8);
    assertThat(decoded(raw, null, "identity")).isEqualTo(TEXT);
    assertThatThrownBy(() -> PushBody.decode(raw, null, "x-unknown", MAX)).isInstanceOf(InvalidPush.class)
        .hasMessageContaining("x-unknown");
  }

  @Test
  void theUtf8CheckAgreesWithTheJdksStrictDecoderOnRandomAndTrickyBytes() {
    java.util.Random random = new java.util.Random(42);
    java.util.List<byte[]> cases = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(12)];
      random.nextBytes(b);
      cases.add(b);
    }
    // Long ASCII runs around a few random bytes: the eight-bytes-a-step skip must stop at each one.
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int k = 0; k < b.length; k++) {
        b[k] = (byte) ('a' + random.nextInt(26));
      }
      if (i % 2 == 0 && b.length >= 3) {
        int at = random.nextInt(b.length - 2); // a valid 中 somewhere in the run
        b[at] = (byte) 0xe4;
        b[at + 1] = (byte) 0xb8;
        b[at + 2] = (byte) 0xad;
      } else {
        for (int k = random.nextInt(4); k > 0 && b.length > 0; k--) {
          b[random.nextInt(b.length)] = (byte) (0x80 + random.nextInt(128));
        }
      }
      cases.add(b);
    }
    int[][] tricky = {{0xc0, 0x80}, {0xe0, 0x80, 0x80}, {0xed, 0xa0, 0x80}, {0xf4, 0x90, 0x80, 0x80},
        {0xf0, 0x9f, 0x98, 0x80}, {0xe4, 0xb8, 0xad}, {0xe4, 0xb8}, {0xc2}, {0xef, 0xbf, 0xbf}};
    for (int[] t : tricky) {
      byte[] b = new byte[t.length];
      for (int i = 0; i < t.length; i++) {
        b[i] = (byte) t[i];
      }
      cases.add(b);
    }
    for (byte[] b : cases) {
      boolean jdk;
      try {
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
        jdk = true;
      } catch (java.nio.charset.CharacterCodingException e) {
        jdk = false;
      }
      assertThat(PushBody.isUtf8(b)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(jdk);
    }
  }
}
