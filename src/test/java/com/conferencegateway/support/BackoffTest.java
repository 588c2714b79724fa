package com.conferencegateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleFromTheInitialWaitWithJitterOverTheUpperHalfAndStopAtTheCap() {
    Backoff backoff = new Backoff(100, 1000);
    assertThat(backoff.ceilingMs(1)).isEqualTo(100);
    assertThat(backoff.ceilingMs(2)).isEqualTo(200);
    assertThat(backoff.ceilingMs(4)).isEqualTo(800);
    assertThat(backoff.ceilingMs(5)).isEqualTo(1000);
    assertThat(backoff.ceilingMs(500)).isEqualTo(1000);
    for (int attempt = 1; attempt < 10; attempt++) {
      for (int i = 0; i < 200; i++) {
        long delay = backoff.delayMs(attempt);
        assertThat(delay).isBetween(backoff.ceilingMs(attempt) / 2, backoff.ceilingMs(attempt));
      }
    }
  }

  @Test
  void aScheduleThatCannotWorkIsRefusedAtOnce() {
    assertThatThrownBy(() -> new Backoff(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(100, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
