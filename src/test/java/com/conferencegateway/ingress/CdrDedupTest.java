package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CdrDedupTest {
  private static Cdr cdr(String id) {
    OffsetDateTime t = OffsetDateTime.parse("2026-11-29T10:00:00+08:00");
    return new Cdr(id, "s", t, t, 0, "1", "2", null, null, null, "app", null, null, null, Instant.EPOCH);
  }

  @Test
  void theOldestIdsAreForgottenFirstWhenFull() {
    CdrDedup dedup = new CdrDedup(2);
    dedup.markSeen("a");
    dedup.markSeen("b");
    dedup.markSeen("c");
    assertThat(dedup.isSeen("a")).isFalse();
    assertThat(dedup.isSeen("b")).isTrue();
    assertThat(dedup.isSeen("c")).isTrue();
  }

  @Test
  void aClaimSplitsSeenPendingAndFresh() {
    CdrDedup dedup = new CdrDedup(10);
    dedup.markSeen("seen");
    Promise<Void> first = Promise.promise();
    CdrDedup.Claim a = dedup.claim(List.of(cdr("pending")), first.future());
    CdrDedup.Claim b = dedup.claim(List.of(cdr("seen"), cdr("pending"), cdr("new")), Promise.<Void>promise().future());
    assertThat(a.fresh()).extracting(Cdr::detailId).containsExactly("pending");
    assertThat(b.fresh()).extracting(Cdr::detailId).containsExactly("new");
    assertThat(b.inFlightElsewhere()).containsExactly(first.future());
  }

  @Test
  void aFailedPublishLeavesTheIdsFreeForARetry() {
    CdrDedup dedup = new CdrDedup(10);
    CdrDedup.Claim a = dedup.claim(List.of(cdr("x")), Promise.<Void>promise().future());
    dedup.settle(a.fresh(), false);
    assertThat(dedup.isSeen("x")).isFalse();
    assertThat(dedup.claim(List.of(cdr("x")), Promise.<Void>promise().future()).fresh()).hasSize(1);
  }

  @Test
  void anAcknowledgedPublishMarksTheIdsSeen() {
    CdrDedup dedup = new CdrDedup(10);
    CdrDedup.Claim a = dedup.claim(List.of(cdr("x")), Promise.<Void>promise().future());
    dedup.settle(a.fresh(), true);
    assertThat(dedup.claim(List.of(cdr("x")), Promise.<Void>promise().future()).allSeen()).isTrue();
  }
}
