package com.conferencegateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignatureTest {
  @Test
  void signIsLowerCaseHexSha1OfIdKeyAndTimestampConcatenated() {
    // SHA-1("abc") is the FIPS 180 test vector.
    assertThat(Signature.sign("a", "b", "c")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
  }

  @Test
  void signHashesUtf8SoChineseKeysSignAlike() {
    assertThat(Signature.sign("id", "钥匙", "1")).hasSize(40).matches("[0-9a-f]{40}")
        .isNotEqualTo(Signature.sign("id", "??", "1"));
  }

  @Test
  void matchingAcceptsUpperCaseAndRefusesAnyOtherSign() {
    String sign = Signature.sign("id", "key", "20261129100000");
    assertThat(Signature.matches(sign, sign.toUpperCase())).isTrue();
    assertThat(Signature.matches(sign, Signature.sign("id", "other", "20261129100000"))).isFalse();
    assertThat(Signature.matches(sign, null)).isFalse();
  }
}
