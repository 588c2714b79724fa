package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conferencegateway.support.UtcTime;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class SessionViewTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T10:00:00Z"));
  private final SessionView view = new SessionView(clock, Duration.ofMinutes(60), Duration.ofHours(168), 1_000);

  private ConferenceSession session(String id, SessionStatus status, long version) {
    return new ConferenceSession(id, "APP", null, "8613800000000", status, null, null,
        status == SessionStatus.ENDED ? "2026-11-29T18:00:00.000+08:00" : null, List.of(), 0, 0, version,
        com.conferencegateway.support.UtcTime.millis(clock.instant()));
  }

  @Test
  void anOlderVersionArrivingLateDoesNotReplaceANewerOne() {
    accept(view, session("s1", SessionStatus.ACTIVE, 5));
    accept(view, session("s1", SessionStatus.RINGING, 3));
    assertThat(view.get("s1").version()).isEqualTo(5);
    accept(view, session("s1", SessionStatus.ENDED, 6));
    assertThat(view.get("s1").status()).isEqualTo(SessionStatus.ENDED);
  }

  @Test
  void anEndedConferenceLeavesTheViewAfterItsRetentionAndALiveOneStays() {
    accept(view, session("ended", SessionStatus.ENDED, 9));
    accept(view, session("live", SessionStatus.ACTIVE, 2));
    clock.advance(Duration.ofMinutes(59));
    assertThat(view.get("ended")).isNotNull();
    clock.advance(Duration.ofMinutes(2));
    assertThat(view.get("ended")).isNull();
    assertThat(view.get("live")).isNotNull();
    assertThat(view.size()).isEqualTo(1);
  }

  @Test
  void aConferenceEndedLongerAgoThanTheRetentionIsNotTakenIn() {
    ConferenceSession old = session("old", SessionStatus.ENDED, 4);
    clock.advance(Duration.ofHours(2));
    accept(view, old);
    assertThat(view.get("old")).isNull();
  }

  @Test
  void aConferenceUnchangedForTheIdleRetentionLeavesToo() {
    accept(view, session("stuck", SessionStatus.ACTIVE, 2));
    clock.advance(Duration.ofHours(169));
    assertThat(view.get("stuck")).isNull();
  }

  @Test
  void theViewNeverHoldsMoreThanItsBound() {
    SessionView small = new SessionView(clock, Duration.ofMinutes(60), Duration.ofHours(168), 100);
    for (int i = 0; i < 1_000; i++) {
      accept(small, session("s" + i, SessionStatus.ACTIVE, 1));
    }
    assertThat(small.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void aListHasOnlyTheStatusAskedForMostRecentlyChangedFirstUpToTheLimit() {
    accept(view, session("a", SessionStatus.ACTIVE, 1));
    clock.advance(Duration.ofSeconds(1));
    accept(view, session("b", SessionStatus.ACTIVE, 1));
    clock.advance(Duration.ofSeconds(1));
    accept(view, session("c", SessionStatus.RINGING, 1));
    assertThat(view.list(SessionStatus.ACTIVE, 10)).extracting(ViewEntry::sessionId).containsExactly("b", "a");
    assertThat(view.list(null, 2)).extracting(ViewEntry::sessionId).containsExactly("c", "b");
    assertThat(view.list(SessionStatus.ENDED, 10)).isEmpty();
  }

  private static void accept(SessionView into, ConferenceSession session) {
    into.accept(SessionJson.toBytes(session));
  }

  @Test
  void aRecordIsAnsweredWithTheBytesItWasReadWithAndKeptInLess() {
    byte[] bytes = SessionJson.toBytes(session("b1", SessionStatus.RINGING, 3));
    view.accept(bytes);
    assertThat(view.get("b1").json()).isEqualTo(bytes);
    assertThat(view.get("b1").packed().length).isLessThan(bytes.length * 2 / 3);
    assertThat(SessionJson.fromBytes(view.get("b1").json()).version()).isEqualTo(3);
  }

  @Test
  void aSummaryCarriesTheChangesTimeAndStatusAndABadOneIsRefusedNamingWhatIsWrong() {
    ViewEntry entry = SessionJson.summary(SessionJson.toBytes(session("t1", SessionStatus.ACTIVE, 2)));
    assertThat(entry.updatedAtMillis()).isEqualTo(clock.millis());
    assertThat(entry.status()).isEqualTo(SessionStatus.ACTIVE);
    byte[] badTime = new String(SessionJson.toBytes(session("t2", SessionStatus.ACTIVE, 2)), StandardCharsets.UTF_8)
        .replace(UtcTime.millis(clock.instant()), "yesterday").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SessionJson.summary(badTime)).isInstanceOf(DateTimeParseException.class)
        .hasMessageContaining("yesterday");
    byte[] badStatus = new String(SessionJson.toBytes(session("t3", SessionStatus.ACTIVE, 2)), StandardCharsets.UTF_8)
        .replace("\"active\"", "\"ACTIVE\"").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SessionJson.summary(badStatus)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status");
  }
}
