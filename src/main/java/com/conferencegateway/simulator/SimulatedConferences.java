package com.conferencegateway.simulator;

import static com.conferencegateway.simulator.CallParams.maxLength;
import static com.conferencegateway.simulator.CallParams.numbers;
import static com.conferencegateway.simulator.CallParams.required;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Conferences and their legs: the four conference calls, each leg dialled through INVITE, RINGING
 * and ANSWERED (or FAILED/CANCEL by chance), the call-state pushes that produces, and one CDR per
 * leg when a conference ends. Calls and scheduled state changes hold {@code lock}, the platform.
 */
final class SimulatedConferences {
  // Bounded: a simulator left running (dev mode, benchmarks) must not fill the heap.
  private static final int MAX_CONFERENCES = 10_000;

  private final Object lock;
  private final String appId;
  private final Clock clock;
  private final SimulatedPlatform.Scheduler scheduler;
  private final SimulatedPlatform.Outbox outbox;
  private final long pacingMs;
  private final double failChance;
  private final Random random = new Random();
  private final AtomicLong detailIds = new AtomicLong(System.currentTimeMillis() * 10);
  private final Map<String, Conference> conferences = new LinkedHashMap<>();

  static final class Leg {
    final String number;
    final boolean caller;
    LegState state = LegState.NEW;
    Instant answeredAt;
    Instant endedAt;

    Leg(String number, boolean caller) {
      this.number = number;
      this.caller = caller;
    }
  }

  static final class Conference {
    final String sessionId;
    final SimulatedPrincipal account;
    final String caller;
    final String userId;
    final Map<String, Leg> legs = new LinkedHashMap<>();
    final Instant createdAt;
    boolean ended;

    Conference(String sessionId, SimulatedPrincipal account, String caller, String userId, Instant createdAt) {
      this.sessionId = sessionId;
      this.account = account;
      this.caller = caller;
      this.userId = userId;
      this.createdAt = createdAt;
    }
  }

  SimulatedConferences(Object lock, String appId, Clock clock, SimulatedPlatform.Scheduler scheduler,
      SimulatedPlatform.Outbox outbox, long pacingMs, double failChance) {
    this.lock = lock;
    this.appId = appId;
    this.clock = clock;
    this.scheduler = scheduler;
    this.outbox = outbox;
    this.pacingMs = pacingMs;
    this.failChance = failChance;
  }

  /** §7.2.1, for an account whose signature was checked. */
  JsonObject create(Map<String, String> p, SimulatedPrincipal who) {
    String caller = required(p, "caller");
    List<String> numbers = numbers("phones", required(p, "phones"));
    String userId = required(p, "userId");
    maxLength("userId", userId, 30);
    String sessionId = sessionId();
    Conference c = new Conference(sessionId, who, caller, userId, clock.instant());
    conferences.put(sessionId, c);
    if (conferences.size() > MAX_CONFERENCES) {
      // The oldest conference is forgotten: calls naming it get "unknown session".
      conferences.remove(conferences.keySet().iterator().next());
    }
    c.legs.put(caller, new Leg(caller, true));
    long at = dial(c, c.legs.get(caller), 0);
    for (String n : numbers) {
      Leg leg = new Leg(n, false);
      c.legs.putIfAbsent(n, leg);
      at = dial(c, leg, at);
    }
    return Refused.success().put("sessionId", sessionId);
  }

  /** §7.2.2: numbers already on the call are left alone; those that left or failed are dialled again. */
  JsonObject add(Map<String, String> p) {
    Conference c = live(required(p, "sessionid"));
    long at = 0;
    for (String n : numbers("calledNbr", required(p, "calledNbr"))) {
      Leg existing = c.legs.get(n);
      if (existing != null && existing.state != LegState.DISCONNECTED && existing.state != LegState.FAILED) {
        continue;
      }
      Leg leg = new Leg(n, false);
      c.legs.put(n, leg);
      at = dial(c, leg, at);
    }
    return Refused.success();
  }

  /** §7.2.3 */
  JsonObject minus(Map<String, String> p) {
    Conference c = live(required(p, "sessionid"));
    for (String n : numbers("calledNbr", required(p, "calledNbr"))) {
      Leg leg = c.legs.get(n);
      if (leg == null || leg.caller) {
        throw new Refused(Refused.INVALID_PARAMETER, n + " is not a participant of " + c.sessionId);
      }
      hangUp(c, leg);
    }
    return Refused.success();
  }

  /** §7.2.4: only after the caller has answered (and heard the intro tone). */
  JsonObject end(Map<String, String> p) {
    Conference c = live(required(p, "sessionid"));
    Leg caller = c.legs.values().stream().filter(l -> l.caller).findFirst().orElseThrow();
    if (caller.answeredAt == null) {
      throw new Refused(Refused.CALLER_NOT_ANSWERED,
          "the caller has not answered yet; end the conference after the intro tone");
    }
    c.ended = true;
    c.legs.values().forEach(leg -> hangUp(c, leg));
    sendCdrs(c);
    return Refused.success();
  }

  /**
   * INVITE, RINGING, then ANSWERED (or FAILED/CANCEL by chance) for one leg; each step schedules the
   * next, so a leg holds one timer at a time (thousands of live conferences otherwise fill the timer queue).
   */
  private long dial(Conference c, Leg leg, long startAt) {
    boolean fails = random.nextDouble() < failChance;
    LegState last = fails ? (leg.caller ? LegState.CANCEL : LegState.FAILED) : LegState.ANSWERED;
    scheduler.after(startAt, () -> {
      if (step(c, leg, LegState.INVITE)) {
        then(pacingMs, () -> {
          if (step(c, leg, LegState.RINGING)) {
            then(pacingMs * 2, () -> step(c, leg, last));
          }
        });
      }
    });
    return startAt + pacingMs * 4;
  }

  /** Later, or at once without pacing: then a leg's steps stay together, in order, as with pacing. */
  private void then(long delayMs, Runnable task) {
    if (delayMs <= 0) {
      task.run();
    } else {
      scheduler.after(delayMs, task);
    }
  }

  /** The leg takes {@code state} and it is pushed; false (nothing done) when the leg is already over. */
  private boolean step(Conference c, Leg leg, LegState state) {
    synchronized (lock) {
      if (leg.state.over()) {
        return false;
      }
      leg.state = state;
      if (state == LegState.ANSWERED) {
        leg.answeredAt = clock.instant();
      }
      pushState(c, leg, state);
      return true;
    }
  }

  private void hangUp(Conference c, Leg leg) {
    if (leg.state == LegState.DISCONNECTED) {
      return;
    }
    leg.state = LegState.DISCONNECTED;
    leg.endedAt = clock.instant();
    pushState(c, leg, LegState.DISCONNECTED);
  }

  private void pushState(Conference c, Leg leg, LegState state) {
    Instant at = clock.instant();
    outbox.status(c.sessionId, c.account.statusUrl, () -> SimulatedPushBodies.status(c, leg, state, at, appId));
  }

  private void sendCdrs(Conference c) {
    outbox.cdrs(c.sessionId, c.account.recordUrl,
        SimulatedPushBodies.cdrs(c, clock.instant(), appId, detailIds::incrementAndGet));
  }

  private Conference live(String sessionId) {
    Conference c = conferences.get(sessionId);
    if (c == null) {
      throw new Refused(Refused.UNKNOWN_SESSION, "unknown session " + sessionId);
    }
    if (c.ended) {
      throw new Refused(Refused.CONFERENCE_ENDED, "the conference " + sessionId + " has ended");
    }
    return c;
  }

  private String sessionId() {
    StringBuilder sb = new StringBuilder(32);
    sb.append(1 + random.nextInt(9));
    while (sb.length() < 32) {
      sb.append(random.nextInt(10));
    }
    return sb.toString();
  }

  /** Conferences with their legs' states, for the admin API. */
  JsonArray snapshot() {
    JsonArray confs = new JsonArray();
    conferences.values().forEach(c -> {
      JsonObject legs = new JsonObject();
      c.legs.values().forEach(l -> legs.put(l.number, l.state.name()));
      confs.add(new JsonObject().put("sessionId", c.sessionId).put("accountId", c.account.id)
          .put("ended", c.ended).put("legs", legs));
    });
    return confs;
  }
}
