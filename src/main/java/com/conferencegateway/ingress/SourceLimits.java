package com.conferencegateway.ingress;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-source limits of the push server: requests per second (a token bucket with a burst) and
 * open connections. Zero turns a limit off. Shared by every push-server instance.
 *
 * <p>Memory stays bounded whatever the senders do: a bucket idle long enough to be full again is
 * evicted (a fresh one is the same), at most {@link #MAX_TRACKED_SOURCES} are kept, and a source's
 * connection count disappears when its last connection closes.
 */
public final class SourceLimits {
  static final long MAX_TRACKED_SOURCES = 10_000;

  private final double perSecond;
  private final double burst;
  private final int maxConnections;
  private final LongSupplier nanoClock;
  private final Cache<String, Bucket> buckets;
  private final Map<String, Integer> connections = new ConcurrentHashMap<>();

  public SourceLimits(int requestsPerSecond, int burst, int maxConnections, LongSupplier nanoClock) {
    this.perSecond = requestsPerSecond;
    this.burst = Math.max(burst, 1);
    this.maxConnections = maxConnections;
    this.nanoClock = nanoClock;
    // Refilled from empty after burst/perSecond seconds: forgetting it then changes nothing.
    long refillNanos = requestsPerSecond <= 0 ? 1 : (long) Math.ceil(this.burst / requestsPerSecond * 1e9);
    Ticker ticker = nanoClock::getAsLong;
    this.buckets = Caffeine.newBuilder().ticker(ticker).executor(Runnable::run)
        .expireAfterAccess(Duration.ofNanos(Math.max(refillNanos, 1_000_000_000L)))
        .maximumSize(MAX_TRACKED_SOURCES).build();
  }

  private static final class Bucket {
    double tokens;
    long at;
  }

  /** True when the source may send one more request now. */
  public boolean tryRequest(String source) {
    if (perSecond <= 0) {
      return true;
    }
    Bucket b = buckets.get(source, s -> {
      Bucket fresh = new Bucket();
      fresh.tokens = burst;
      fresh.at = nanoClock.getAsLong();
      return fresh;
    });
    synchronized (b) {
      long now = nanoClock.getAsLong();
      b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * perSecond);
      b.at = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return true;
      }
      return false;
    }
  }

  /** True when the source may open one more connection; pair with {@link #closed}. */
  public boolean tryConnect(String source) {
    if (maxConnections <= 0) {
      return true;
    }
    boolean[] admitted = {false};
    connections.compute(source, (s, open) -> {
      int now = open == null ? 0 : open;
      if (now >= maxConnections) {
        return now;
      }
      admitted[0] = true;
      return now + 1;
    });
    return admitted[0];
  }

  public void closed(String source) {
    if (maxConnections <= 0) {
      return;
    }
    connections.computeIfPresent(source, (s, open) -> open <= 1 ? null : open - 1);
  }

  public int retryAfterSeconds() {
    return perSecond <= 0 ? 1 : (int) Math.max(1, Math.ceil(1 / perSecond));
  }

  /** Sources with state held right now (buckets and open-connection counts). */
  long trackedSources() {
    buckets.cleanUp();
    return buckets.estimatedSize() + connections.size();
  }
}
