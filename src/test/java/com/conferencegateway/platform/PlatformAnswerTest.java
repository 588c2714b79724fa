package com.conferencegateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformAnswerTest {
  @Test
  void theSpecsDemoAnswerWithStraySpacesInKeysAndValuesIsRead() {
    PlatformAnswer a = PlatformAnswer.parse("{\"result\":\"0\", \" describe\":\" success\"}");
    assertThat(a.succeeded()).isTrue();
    assertThat(a.describe()).isEqualTo("success");
  }

  @Test
  void aNumericResultIsReadAsText() {
    PlatformAnswer a = PlatformAnswer.parse("{\"result\":0,\"describe\":\"ok\",\"sessionId\":\"123\"}");
    assertThat(a.succeeded()).isTrue();
    assertThat(a.text("sessionId")).isEqualTo("123");
  }

  @Test
  void fieldsInsideDataAreFoundToo() {
    PlatformAnswer a = PlatformAnswer.parse("{\"result\":\"0\",\"data\":{\" account_identify\":\" A1 \"}}");
    assertThat(a.text("account_identify")).isEqualTo("A1");
  }

  @Test
  void onlyZeroIsSuccess() {
    assertThat(PlatformAnswer.parse("{\"result\":\"00\"}").succeeded()).isFalse();
    assertThat(PlatformAnswer.parse("{\"result\":\"1001\"}").succeeded()).isFalse();
  }

  @Test
  void anAnswerThatIsNotJsonIsARejectionNotACrash() {
    assertThatThrownBy(() -> PlatformAnswer.parse("<html>")).isInstanceOf(PlatformRejected.class);
    assertThatThrownBy(() -> PlatformAnswer.parse("{\"describe\":\"no result\"}")).isInstanceOf(PlatformRejected.class);
  }
}
