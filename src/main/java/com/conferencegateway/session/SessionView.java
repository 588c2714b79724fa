package com.conferencegateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every replica's in-memory copy of {@code conference.sessions}, for the query endpoint: fed by a tail
 * of the topic, so any replica answers for any conference. Memory is bounded three ways: an ended
 * conference leaves after {@code endedRetention}, one not changed for {@code idleRetention} leaves
 * too, and there are never more than {@code maxEntries}. The topic keeps them all.
 */
public final class SessionView {
  private final Clock clock;
  private final Duration endedRetention;
  private final Duration idleRetention;
  private final Cache<String, ConferenceSession> sessions;

  public SessionView(Clock clock, Duration endedRetention, Duration idleRetention, long maxEntries) {
    this.clock = clock;
    this.endedRetention = endedRetention;
    this.idleRetention = idleRetention;
    this.sessions = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(Runnable::run)
        .expireAfter(Expiry.<String, ConferenceSession>writing((id, s) -> timeLeft(s)))
        .build();
  }

  /** Takes a value read from the topic; an older version than the one held changes nothing. */
  public void accept(ConferenceSession session) {
    if (timeLeft(session).isZero()) {
      sessions.invalidate(session.sessionId());
      return;
    }
    sessions.asMap().merge(session.sessionId(), session,
        (held, arriving) -> arriving.version() > held.version() ? arriving : held);
  }

  public ConferenceSession get(String sessionId) {
    return sessions.getIfPresent(sessionId);
  }

  /** Those with {@code status} (null: any), most recently changed first, at most {@code limit}. */
  public List<ConferenceSession> list(SessionStatus status, int limit) {
    return sessions.asMap().values().stream()
        .filter(s -> status == null || s.status() == status)
        .sorted(Comparator.comparing(ConferenceSession::updatedAt).reversed()
            .thenComparing(ConferenceSession::sessionId))
        .limit(limit)
        .toList();
  }

  public long size() {
    sessions.cleanUp();
    return sessions.estimatedSize();
  }

  /** How long a session stays, counted from its last change: zero when it should not be held at all. */
  private Duration timeLeft(ConferenceSession s) {
    Duration keep = s.status() == SessionStatus.ENDED ? endedRetention : idleRetention;
    Duration age = Duration.between(Instant.parse(s.updatedAt()), clock.instant());
    Duration left = keep.minus(age.isNegative() ? Duration.ZERO : age);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
