package com.conferencegateway.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What the fold counts: changes published, events that changed nothing, unreadable inputs, purged sessions. */
public final class SessionMeters {
  private final Counter folded;
  private final Counter unchanged;
  private final Counter unreadable;
  private final Counter purged;

  public SessionMeters(MeterRegistry registry) {
    folded = Counter.builder("gateway.sessions.folded").description("Session changes written to conference.sessions")
        .register(registry);
    unchanged = Counter.builder("gateway.sessions.unchanged")
        .description("Events that changed no session: repeats, late states, CDRs already counted").register(registry);
    unreadable = Counter.builder("gateway.sessions.unreadable")
        .description("Input records the fold could not read, skipped").register(registry);
    purged = Counter.builder("gateway.sessions.purged")
        .description("Sessions removed from the fold's store after the retention").register(registry);
  }

  void folded() {
    folded.increment();
  }

  void unchanged() {
    unchanged.increment();
  }

  void unreadable() {
    unreadable.increment();
  }

  void purged(int count) {
    purged.increment(count);
  }
}
