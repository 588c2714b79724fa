package com.conferencegateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlatformBreakerTest {
  private final AtomicLong now = new AtomicLong();
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now.get());
    }
  };

  @Test
  void opensAfterTheThresholdThenLetsOneTrialThroughAfterTheOpenTime() {
    PlatformBreaker breaker = new PlatformBreaker(3, 1000, clock);
    breaker.failed();
    breaker.failed();
    assertThat(breaker.allowsCall()).isTrue();
    breaker.failed();
    assertThat(breaker.state()).isEqualTo(PlatformBreaker.State.OPEN);
    assertThat(breaker.allowsCall()).isFalse();
    now.addAndGet(1000);
    assertThat(breaker.allowsCall()).as("one trial").isTrue();
    assertThat(breaker.allowsCall()).as("only one").isFalse();
    breaker.succeeded();
    assertThat(breaker.state()).isEqualTo(PlatformBreaker.State.CLOSED);
    assertThat(breaker.allowsCall()).isTrue();
  }

  @Test
  void aFailedTrialOpensItAgain() {
    PlatformBreaker breaker = new PlatformBreaker(1, 1000, clock);
    breaker.failed();
    now.addAndGet(1000);
    assertThat(breaker.allowsCall()).isTrue();
    breaker.failed();
    assertThat(breaker.state()).isEqualTo(PlatformBreaker.State.OPEN);
    assertThat(breaker.timesOpened()).isEqualTo(2);
  }

  @Test
  void successesInBetweenResetTheCount() {
    PlatformBreaker breaker = new PlatformBreaker(2, 1000, clock);
    breaker.failed();
    breaker.succeeded();
    breaker.failed();
    assertThat(breaker.state()).isEqualTo(PlatformBreaker.State.CLOSED);
  }
}
