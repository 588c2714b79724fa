package com.conferencegateway.ingress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Per-source limits of the push server: requests per second (a token bucket with a burst) and
 * open connections. Zero turns a limit off. Shared by every push-server instance.
 */
public final class SourceLimits {
  private final double perSecond;
  private final double burst;
  private final int maxConnections;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();

  public SourceLimits(int requestsPerSecond, int burst, int maxConnections, LongSupplier nanoClock) {
    this.perSecond = requestsPerSecond;
    this.burst = Math.max(burst, 1);
    this.maxConnections = maxConnections;
    this.nanoClock = nanoClock;
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
    Bucket b = buckets.computeIfAbsent(source, s -> {
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
    AtomicInteger open = connections.computeIfAbsent(source, s -> new AtomicInteger());
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      return false;
    }
    return true;
  }

  public void closed(String source) {
    if (maxConnections <= 0) {
      return;
    }
    AtomicInteger open = connections.get(source);
    if (open != null) {
      open.decrementAndGet();
    }
  }

  public int retryAfterSeconds() {
    return perSecond <= 0 ? 1 : (int) Math.max(1, Math.ceil(1 / perSecond));
  }
}
