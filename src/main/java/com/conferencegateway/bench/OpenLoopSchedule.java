package com.conferencegateway.bench;

/**
 * When each push of an open-loop run is due: the rate climbs linearly from zero over the ramp, then
 * holds. A cold gateway and a cold load generator took 10,000/s from the first second badly: the
 * client had queued some 95,000 pushes 20 s in, and the window measured after the warm-up inherited
 * seconds of that queue (docs/benchmarks.md, ninth pass). Without a ramp push k is due at
 * {@code k / rate}.
 */
final class OpenLoopSchedule {
  private static final long SECOND = 1_000_000_000L;
  private final long rate;
  private final long rampNanos;
  /** How many pushes the ramp holds: half of what the full rate would send in as long. */
  private final double duringRamp;

  OpenLoopSchedule(long ratePerSecond, long rampNanos) {
    if (ratePerSecond <= 0 || rampNanos < 0) {
      throw new IllegalArgumentException("the rate must be positive and the ramp not negative");
    }
    this.rate = ratePerSecond;
    this.rampNanos = rampNanos;
    this.duringRamp = (double) rate * rampNanos / SECOND / 2;
  }

  /** When push {@code k} (counted from 0) is due, in nanoseconds after the start; grows with k. */
  long dueAt(long k) {
    if (k < duringRamp) {
      // Pushes due by t during the ramp: rate * t^2 / (2 * ramp).
      return (long) Math.sqrt(2.0 * rampNanos * k * SECOND / rate);
    }
    return k * SECOND / rate + rampNanos / 2;
  }

  /** How many pushes are due before {@code elapsedNanos} after the start. */
  long countBefore(long elapsedNanos) {
    if (elapsedNanos <= 0) {
      return 0;
    }
    double count = elapsedNanos < rampNanos
        ? (double) rate * elapsedNanos / SECOND * elapsedNanos / (2.0 * rampNanos)
        : (double) rate * (elapsedNanos - rampNanos / 2) / SECOND;
    return (long) Math.ceil(count);
  }
}
