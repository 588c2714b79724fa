package com.conferencegateway.support;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The one backoff schedule of the gateway: exponential from {@code initialMs}, capped at
 * {@code maxMs}, with jitter over the upper half so that retries of many callers do not march in step.
 */
public record Backoff(long initialMs, long maxMs) {
  public Backoff {
    if (initialMs <= 0 || maxMs < initialMs) {
      throw new IllegalArgumentException("backoff needs 0 < initialMs <= maxMs, got " + initialMs + ", " + maxMs);
    }
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones (1 = the first failed). */
  public long delayMs(int attempt) {
    long ceiling = ceilingMs(attempt);
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  /** The upper bound of {@link #delayMs(int)}: {@code initialMs * 2^(attempt-1)}, capped. */
  public long ceilingMs(int attempt) {
    return Math.min(maxMs, initialMs << Math.min(Math.max(attempt, 1) - 1, 20));
  }
}
