package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SessionFolderTest {
  private static final String S = "60048697352637101321471681503865";
  private static final String APP = "9216BC2CE463C6633FA0EA1EFB4E7FBF";
  private final SessionFolder folder =
      new SessionFolder(Clock.fixed(Instant.parse("2026-11-29T10:00:05.123Z"), ZoneOffset.UTC));

  private static SessionEvent state(String callee, String state, String time) {
    return new SessionEvent.LegChanged(S, APP, "8617001090107", callee, state, "2015-05-04T14:14:" + time + "+08:00");
  }

  private FoldedSession fold(FoldedSession current, SessionEvent... events) {
    FoldedSession s = current;
    for (SessionEvent e : events) {
      FoldedSession next = folder.apply(s, e);
      s = next == null ? s : next;
    }
    return s;
  }

  @Test
  void aConferenceRingsThenIsActiveThenEndsWhenEveryLegHasEnded() {
    FoldedSession s = folder.apply(null, new SessionEvent.Created(S, "ACC-1", "2026-11-29T10:00:00.000Z"));
    assertThat(s.view().status()).isEqualTo(SessionStatus.RINGING);
    assertThat(s.view().version()).isEqualTo(1);
    assertThat(s.view().legs()).isEmpty();

    s = fold(s, state("8617001090107", "RINGING", "20.069"), state("018811033389", "RINGING", "21.000"));
    assertThat(s.view().status()).isEqualTo(SessionStatus.RINGING);
    s = fold(s, state("018811033389", "ANSWERED", "25.000"));
    assertThat(s.view().status()).isEqualTo(SessionStatus.ACTIVE);
    assertThat(s.view().answeredAt()).isEqualTo("2015-05-04T14:14:25.000+08:00");
    s = fold(s, state("8617001090107", "ANSWERED", "24.000"));
    assertThat(s.view().answeredAt()).as("the first answer").isEqualTo("2015-05-04T14:14:24.000+08:00");

    s = fold(s, state("018811033389", "DISCONNECTED", "50.000"));
    assertThat(s.view().status()).as("one leg still on").isEqualTo(SessionStatus.ACTIVE);
    assertThat(s.view().endedAt()).isNull();
    s = fold(s, state("8617001090107", "DISCONNECTED", "49.000"));
    assertThat(s.view().status()).isEqualTo(SessionStatus.ENDED);
    assertThat(s.view().endedAt()).as("the last leg's end").isEqualTo("2015-05-04T14:14:50.000+08:00");

    s = fold(s, new SessionEvent.CdrBilled(S, APP, "d-1", 25), new SessionEvent.CdrBilled(S, APP, "d-2", 26));
    ConferenceSession v = s.view();
    assertThat(v.cdrCount()).isEqualTo(2);
    assertThat(v.billedSeconds()).isEqualTo(51);
    assertThat(v.accountId()).isEqualTo("ACC-1");
    assertThat(v.createdAt()).isEqualTo("2026-11-29T10:00:00.000Z");
    assertThat(v.appId()).isEqualTo(APP);
    assertThat(v.caller()).isEqualTo("8617001090107");
    assertThat(v.legs()).extracting(Leg::number).containsExactly("8617001090107", "018811033389");
    assertThat(v.legs().get(1)).isEqualTo(new Leg("018811033389", "DISCONNECTED", "2015-05-04T14:14:50.000+08:00",
        "2015-05-04T14:14:25.000+08:00", "2015-05-04T14:14:50.000+08:00"));
    assertThat(v.version()).as("one version per change: created, 2 legs, 2 answers, 2 ends, 2 CDRs").isEqualTo(9);
    assertThat(v.updatedAt()).isEqualTo("2026-11-29T10:00:05.123Z");
  }

  @Test
  void aRepeatedStateChangesNothingAndKeepsTheVersion() {
    FoldedSession s = fold(null, state("018811033389", "RINGING", "21.000"), state("018811033389", "ANSWERED", "25.000"));
    assertThat(folder.apply(s, state("018811033389", "ANSWERED", "25.000"))).isNull();
    assertThat(folder.apply(s, state("018811033389", "RINGING", "21.000"))).isNull();
  }

  @Test
  void aLateStateOlderThanTheLegsChangesNothing() {
    FoldedSession s = fold(null, state("018811033389", "DISCONNECTED", "50.000"));
    assertThat(folder.apply(s, state("018811033389", "ANSWERED", "25.000"))).isNull();
    assertThat(folder.apply(s, state("018811033389", "RINGING", "21.000"))).isNull();
    assertThat(s.view().legs().get(0).state()).isEqualTo("DISCONNECTED");
    assertThat(s.view().status()).isEqualTo(SessionStatus.ENDED);
  }

  @Test
  void atTheSameMillisecondALaterStepOfTheCallWinsAndAnEarlierOneChangesNothing() {
    FoldedSession s = fold(null, state("018811033389", "INVITE", "21.000"), state("018811033389", "RINGING", "21.000"),
        state("018811033389", "ANSWERED", "21.000"));
    assertThat(s.view().legs().get(0).state()).isEqualTo("ANSWERED");
    assertThat(folder.apply(s, state("018811033389", "RINGING", "21.000"))).isNull();
    assertThat(folder.apply(s, state("018811033389", "ANSWERED", "21.000"))).isNull();
    assertThat(folder.apply(s, state("018811033389", "DISCONNECTED", "21.000")).view().status())
        .isEqualTo(SessionStatus.ENDED);
  }

  @Test
  void statesArrivingInAnyOrderEndInTheSameView() {
    SessionEvent[] inOrder = {state("a", "RINGING", "01.000"), state("a", "ANSWERED", "02.000"),
        state("b", "RINGING", "03.000"), state("b", "FAILED", "04.000"), state("a", "DISCONNECTED", "05.000")};
    SessionEvent[] shuffled = {inOrder[4], inOrder[2], inOrder[0], inOrder[3], inOrder[1], inOrder[4]};
    ConferenceSession ordered = fold(null, inOrder).view();
    ConferenceSession mixed = fold(null, shuffled).view();
    assertThat(mixed.legs().stream().map(Leg::state)).containsExactly("DISCONNECTED", "FAILED");
    assertThat(mixed.status()).isEqualTo(ordered.status()).isEqualTo(SessionStatus.ENDED);
    assertThat(mixed.endedAt()).isEqualTo(ordered.endedAt()).isEqualTo("2015-05-04T14:14:05.000+08:00");
    assertThat(mixed.legs().stream().map(Leg::endedAt)).isEqualTo(ordered.legs().stream().map(Leg::endedAt).toList());
  }

  @Test
  void theSameCdrTwiceIsBilledOnce() {
    FoldedSession s = fold(null, new SessionEvent.CdrBilled(S, APP, "12853", 169));
    assertThat(folder.apply(s, new SessionEvent.CdrBilled(S, APP, "12853", 169))).isNull();
    assertThat(s.view().billedSeconds()).isEqualTo(169);
    assertThat(s.view().cdrCount()).isEqualTo(1);
  }

  @Test
  void aSucceededEndEndsTheConferenceUntilTheLegsTellTheirOwnEnd() {
    FoldedSession s = fold(null, state("a", "ANSWERED", "02.000"));
    s = fold(s, new SessionEvent.EndAccepted(S, "2026-11-29T10:01:00.000Z"));
    assertThat(s.view().status()).isEqualTo(SessionStatus.ENDED);
    assertThat(s.view().endedAt()).isEqualTo("2026-11-29T10:01:00.000Z");
    s = fold(s, state("a", "DISCONNECTED", "09.000"));
    assertThat(s.view().endedAt()).isEqualTo("2015-05-04T14:14:09.000+08:00");
    assertThat(folder.apply(s, new SessionEvent.EndAccepted(S, "2026-11-29T10:02:00.000Z"))).isNull();
  }

  @Test
  void aSecondCreateResultForTheSameSessionChangesNothing() {
    FoldedSession s = folder.apply(null, new SessionEvent.Created(S, "ACC-1", "2026-11-29T10:00:00.000Z"));
    assertThat(folder.apply(s, new SessionEvent.Created(S, "ACC-1", "2026-11-29T10:00:00.000Z"))).isNull();
  }

  @Test
  void aLegThatEndsAndRingsAgainIsNoLongerEnded() {
    FoldedSession s = fold(null, state("a", "ANSWERED", "02.000"), state("a", "DISCONNECTED", "03.000"),
        state("a", "RINGING", "04.000"));
    assertThat(s.view().legs().get(0).endedAt()).isNull();
    assertThat(s.view().legs().get(0).answeredAt()).isEqualTo("2015-05-04T14:14:02.000+08:00");
    assertThat(s.view().status()).isEqualTo(SessionStatus.ACTIVE);
  }

  @Test
  void theStoreValueAndTheContractJsonReadBackAsWritten() {
    FoldedSession s = fold(null, new SessionEvent.Created(S, "ACC-1", "2026-11-29T10:00:00.000Z"),
        state("a", "ANSWERED", "02.000"), new SessionEvent.CdrBilled(S, APP, "d-1", 7),
        new SessionEvent.EndAccepted(S, "2026-11-29T10:01:00.000Z"));
    assertThat(StoreCodec.decode(StoreCodec.encode(s))).isEqualTo(s);
    assertThat(SessionJson.fromBytes(SessionJson.toBytes(s.view()))).isEqualTo(s.view());
    assertThat(SessionJson.toJson(s.view()).fieldNames()).containsExactlyInAnyOrder("sessionId", "appId", "accountId",
        "caller", "status", "createdAt", "answeredAt", "endedAt", "legs", "cdrCount", "billedSeconds", "version",
        "updatedAt");
  }

  @Test
  void aConferenceTheGatewayDidNotCreateHasNoAccountIdNorCreatedAt() {
    FoldedSession s = fold(null, state("a", "RINGING", "01.000"));
    assertThat(SessionJson.toJson(s.view()).containsKey("accountId")).isFalse();
    assertThat(SessionJson.toJson(s.view()).containsKey("createdAt")).isFalse();
    assertThat(SessionJson.toJson(s.view()).getValue("endedAt", "absent")).isNull();
  }
}
