package com.conferencegateway.session;

import com.conferencegateway.support.IsoInstant;
import com.conferencegateway.support.UtcTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Folds one event into a conference's state: the rules of the contract's {@code conference.sessions}
 * section, with no Kafka and no Vert.x in sight. An event that changes nothing (a repeat, a state not
 * newer than its leg's, a CDR already counted) gives null, so that nothing is written and
 * {@code version} does not move.
 */
public final class SessionFolder {
  static final String ANSWERED = "ANSWERED";
  static final Set<String> ENDED_STATES = Set.of("DISCONNECTED", "FAILED", "CANCEL");

  private final Clock clock;

  public SessionFolder(Clock clock) {
    this.clock = clock;
  }

  /** The session after {@code event}; null when the event changes nothing. {@code current} null: first event. */
  public FoldedSession apply(FoldedSession current, SessionEvent event) {
    Draft draft = new Draft(current, event.sessionId());
    if (event instanceof SessionEvent.LegChanged e) {
      draft.leg(e);
    } else if (event instanceof SessionEvent.CdrBilled e) {
      draft.cdr(e);
    } else if (event instanceof SessionEvent.Created e) {
      draft.created(e);
    } else if (event instanceof SessionEvent.EndAccepted e) {
      draft.endAccepted(e);
    }
    ConferenceSession before = current == null ? null : current.view();
    ConferenceSession after = draft.view(before == null ? 0 : before.version(), before == null ? null : before.updatedAt());
    if (after.equals(before)) {
      return null;
    }
    return new FoldedSession(after.stamped(after.version() + 1, UtcTime.millis(clock.instant())), draft.cdrIds,
        draft.endAcceptedAt);
  }

  private static long instant(String isoWithOffset) {
    return IsoInstant.epochMillis(isoWithOffset);
  }

  /** The value already known, else the new one (which may be null too). */
  private static String either(String known, String arriving) {
    return known != null ? known : arriving;
  }

  /**
   * Later by stateTime; at the same millisecond (the platform's precision), later in a call's course:
   * INVITE, RINGING, ANSWERED, then the ends. The same state at the same time is a repeat.
   */
  static boolean newer(String state, String stateTime, Leg leg) {
    int byTime = Long.compare(instant(stateTime), instant(leg.stateTime()));
    return byTime > 0 || (byTime == 0 && step(state) > step(leg.state()));
  }

  private static int step(String state) {
    return switch (state) {
      case "INVITE" -> 0;
      case "RINGING" -> 1;
      case ANSWERED -> 2;
      default -> ENDED_STATES.contains(state) ? 3 : -1;
    };
  }

  private static boolean ended(Leg leg) {
    return leg.endedAt() != null;
  }

  /** The fields being changed, with the derived ones (status, answeredAt, endedAt) computed at the end. */
  private static final class Draft {
    private final String sessionId;
    private String appId;
    private String accountId;
    private String caller;
    private String createdAt;
    private final List<Leg> legs;
    private final List<String> cdrIds;
    private long billedSeconds;
    private String endAcceptedAt;

    Draft(FoldedSession current, String sessionId) {
      this.sessionId = sessionId;
      if (current == null) {
        legs = new ArrayList<>();
        cdrIds = new ArrayList<>();
        return;
      }
      ConferenceSession v = current.view();
      appId = v.appId();
      accountId = v.accountId();
      caller = v.caller();
      createdAt = v.createdAt();
      legs = new ArrayList<>(v.legs());
      cdrIds = new ArrayList<>(current.cdrIds());
      billedSeconds = v.billedSeconds();
      endAcceptedAt = current.endAcceptedAt();
    }

    void leg(SessionEvent.LegChanged e) {
      appId = either(appId, e.appId());
      caller = either(caller, e.caller());
      boolean answered = ANSWERED.equals(e.state());
      String endedAt = ENDED_STATES.contains(e.state()) ? e.stateTime() : null;
      for (int i = 0; i < legs.size(); i++) {
        Leg leg = legs.get(i);
        if (leg.number().equals(e.callee())) {
          // Not newer than what the leg shows: a repeat or a late arrival, which changes nothing.
          if (newer(e.state(), e.stateTime(), leg)) {
            String answeredAt = leg.answeredAt() != null ? leg.answeredAt() : (answered ? e.stateTime() : null);
            legs.set(i, new Leg(leg.number(), e.state(), e.stateTime(), answeredAt, endedAt));
          }
          return;
        }
      }
      legs.add(new Leg(e.callee(), e.state(), e.stateTime(), answered ? e.stateTime() : null, endedAt));
    }

    void cdr(SessionEvent.CdrBilled e) {
      appId = either(appId, e.appId());
      if (!cdrIds.contains(e.detailId())) {
        cdrIds.add(e.detailId());
        billedSeconds += e.durationSeconds();
      }
    }

    void created(SessionEvent.Created e) {
      accountId = either(accountId, e.accountId());
      createdAt = either(createdAt, e.createdAt());
    }

    void endAccepted(SessionEvent.EndAccepted e) {
      endAcceptedAt = either(endAcceptedAt, e.acceptedAt());
    }

    ConferenceSession view(long version, String updatedAt) {
      boolean everyLegEnded = !legs.isEmpty() && legs.stream().allMatch(SessionFolder::ended);
      String answeredAt = legs.stream().map(Leg::answeredAt).filter(Objects::nonNull)
          .min(Comparator.comparingLong(SessionFolder::instant)).orElse(null);
      String endedAt = everyLegEnded
          ? legs.stream().map(Leg::endedAt).max(Comparator.comparingLong(SessionFolder::instant)).orElseThrow()
          : endAcceptedAt;
      SessionStatus status = endedAt != null ? SessionStatus.ENDED
          : answeredAt != null ? SessionStatus.ACTIVE : SessionStatus.RINGING;
      return new ConferenceSession(sessionId, appId, accountId, caller, status, createdAt, answeredAt, endedAt, legs,
          cdrIds.size(), billedSeconds, version, updatedAt);
    }
  }
}
