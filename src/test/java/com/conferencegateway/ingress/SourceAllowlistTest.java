package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SourceAllowlistTest {
  @Test
  void addressesInsideTheCidrsAreAdmittedAndOthersNot() {
    SourceAllowlist list = new SourceAllowlist(List.of("203.0.113.0/24", "10.1.2.3", "2001:db8::/32"));
    assertThat(list.admits("203.0.113.77")).isTrue();
    assertThat(list.admits("203.0.114.1")).isFalse();
    assertThat(list.admits("10.1.2.3")).isTrue();
    assertThat(list.admits("10.1.2.4")).isFalse();
    assertThat(list.admits("2001:db8:0:1::5")).isTrue();
    assertThat(list.admits("2001:db9::1")).isFalse();
    assertThat(list.admits("not-an-ip")).isFalse();
  }

  @Test
  void anEmptyListAdmitsEveryone() {
    assertThat(new SourceAllowlist(List.of()).admits("198.51.100.1")).isTrue();
  }

  @Test
  void aWrongEntryIsNamed() {
    assertThatThrownBy(() -> new SourceAllowlist(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(() -> new SourceAllowlist(List.of("example.com/8"))).hasMessageContaining("example.com/8");
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
