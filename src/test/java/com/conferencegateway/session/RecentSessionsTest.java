package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecentSessionsTest {
  private static FoldedSession session(String id) {
    return new FoldedSession(new ConferenceSession(id, "APP", null, null, SessionStatus.RINGING, null, null, null,
        List.of(), 0, 0, 1, "2026-11-30T10:00:00.000Z"), List.of(), null);
  }

  @Test
  void theLeastRecentlyUsedLeavesFirstAndAReadCountsAsAUse() {
    RecentSessions recent = new RecentSessions(2);
    recent.put("a", session("a"));
    recent.put("b", session("b"));
    assertThat(recent.get("a")).isNotNull();
    recent.put("c", session("c"));
    assertThat(recent.get("b")).as("b was used least recently").isNull();
    assertThat(recent.get("a")).isEqualTo(session("a"));
    assertThat(recent.get("c")).isEqualTo(session("c"));
    assertThat(recent.size()).isEqualTo(2);
  }

  @Test
  void aNewerValueReplacesTheHeldOneAndRemoveAndClearForget() {
    RecentSessions recent = new RecentSessions(4);
    recent.put("a", session("a"));
    FoldedSession newer =
        new FoldedSession(session("a").view().stamped(2, "2026-11-30T10:00:01.000Z"), List.of(), null);
    recent.put("a", newer);
    assertThat(recent.get("a")).isSameAs(newer);
    recent.put("b", session("b"));
    recent.remove("a");
    assertThat(recent.get("a")).isNull();
    assertThat(recent.get("b")).isNotNull();
    recent.clear();
    assertThat(recent.size()).isZero();
  }
}
