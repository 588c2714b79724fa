package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-source state stays bounded, whatever source addresses a sender rotates through. */
class SourceLimitsTest {
  @Test
  void a100000DistinctSourcesKeepTheStateBoundedAndIdleOnesAreForgotten() {
    AtomicLong now = new AtomicLong();
    SourceLimits limits = new SourceLimits(10, 20, 4, now::get);
    for (int i = 0; i < 100_000; i++) {
      String source = "10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
      assertThat(limits.tryRequest(source)).isTrue();
      assertThat(limits.tryConnect(source)).isTrue();
      limits.closed(source);
      now.addAndGet(1_000); // 1 µs apart: all of them within 0.1 s
    }
    assertThat(limits.trackedSources()).isLessThanOrEqualTo(SourceLimits.MAX_TRACKED_SOURCES);
    now.addAndGet(3_000_000_000L); // a bucket refills from empty in 2 s: idle for 3 s, it is gone
    assertThat(limits.trackedSources()).isZero();
  }

  @Test
  void aSourceThatKeepsSendingKeepsItsLimitWhileOthersComeAndGo() {
    AtomicLong now = new AtomicLong();
    SourceLimits limits = new SourceLimits(1, 1, 0, now::get);
    assertThat(limits.tryRequest("busy")).isTrue();
    for (int i = 0; i < 1_000; i++) {
      limits.tryRequest("other-" + i);
      now.addAndGet(100_000); // 0.1 ms
    }
    assertThat(limits.tryRequest("busy")).as("still limited: 0.1 s later, no token yet").isFalse();
  }

  @Test
  void theRateLimitRefillsWithTimeAndTheConnectionLimitFreesOnClose() {
    AtomicLong now = new AtomicLong();
    SourceLimits limits = new SourceLimits(10, 2, 1, now::get);
    assertThat(limits.tryRequest("a")).isTrue();
    assertThat(limits.tryRequest("a")).isTrue();
    assertThat(limits.tryRequest("a")).isFalse();
    assertThat(limits.tryRequest("b")).as("per source").isTrue();
    now.addAndGet(100_000_000L); // 0.1 s: one token
    assertThat(limits.tryRequest("a")).isTrue();
    assertThat(limits.tryConnect("a")).isTrue();
    assertThat(limits.tryConnect("a")).isFalse();
    limits.closed("a");
    assertThat(limits.tryConnect("a")).isTrue();
  }
}
