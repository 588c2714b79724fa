package com.conferencegateway.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every replica's in-memory copy of {@code conference.sessions}, for the query endpoint: fed by a tail
 * of the topic, so any replica answers for any conference. It keeps each record's bytes as read, packed
 * (a 500-byte record in about 300; answered without encoding them again). Memory is bounded three ways:
 * an ended conference leaves {@code endedRetention} after its last change, any other one
 * {@code idleRetention} after it, and there are never more than {@code maxEntries}. The topic keeps
 * them all.
 */
public final class SessionView {
  private final Clock clock;
  private final long endedRetentionMillis;
  private final long idleRetentionMillis;
  private final Cache<String, ViewEntry> sessions;

  public SessionView(Clock clock, Duration endedRetention, Duration idleRetention, long maxEntries) {
    this.clock = clock;
    this.endedRetentionMillis = endedRetention.toMillis();
    this.idleRetentionMillis = idleRetention.toMillis();
    this.sessions = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(Runnable::run)
        .expireAfter(Expiry.<String, ViewEntry>writing((id, e) -> Duration.ofMillis(millisLeft(e))))
        .build();
  }

  /** Takes a record's value as read from the topic; an older version than the one held changes nothing. */
  public void accept(byte[] value) {
    ViewEntry entry = SessionJson.summary(value);
    if (millisLeft(entry) == 0) {
      sessions.invalidate(entry.sessionId());
      return;
    }
    sessions.asMap().merge(entry.sessionId(), entry,
        (held, arriving) -> arriving.version() > held.version() ? arriving : held);
  }

  public ViewEntry get(String sessionId) {
    return sessions.getIfPresent(sessionId);
  }

  /** Those with {@code status} (null: any), most recently changed first, at most {@code limit}. */
  public List<ViewEntry> list(SessionStatus status, int limit) {
    return sessions.asMap().values().stream()
        .filter(s -> status == null || s.status() == status)
        .sorted(Comparator.comparingLong(ViewEntry::updatedAtMillis).reversed()
            .thenComparing(ViewEntry::sessionId))
        .limit(limit)
        .toList();
  }

  public long size() {
    sessions.cleanUp();
    return sessions.estimatedSize();
  }

  /** How long a conference stays, counted from its last change: zero when it should not be held at all. */
  private long millisLeft(ViewEntry e) {
    long keep = e.status() == SessionStatus.ENDED ? endedRetentionMillis : idleRetentionMillis;
    long age = Math.max(0, clock.millis() - e.updatedAtMillis());
    return Math.max(0, keep - age);
  }
}
