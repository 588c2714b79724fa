package com.conferencegateway.platform;

import java.time.Clock;

/**
 * A circuit breaker on the platform: after {@code threshold} retryable failures in a row it opens
 * for {@code openMs}; then one trial call is let through (half-open); its success closes it, its
 * failure opens it again. While open, callers wait rather than spend their retries.
 */
public final class PlatformBreaker {
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final long openMs;
  private final Clock clock;
  private int failuresInARow;
  private long openedAt;
  private State state = State.CLOSED;
  private boolean trialInFlight;
  private long opened;

  public PlatformBreaker(int threshold, long openMs, Clock clock) {
    this.threshold = threshold;
    this.openMs = openMs;
    this.clock = clock;
  }

  /** True when a call may go now; a half-open breaker lets one trial through at a time. */
  public synchronized boolean allowsCall() {
    if (state == State.OPEN && clock.millis() - openedAt >= openMs) {
      state = State.HALF_OPEN;
    }
    if (state == State.CLOSED) {
      return true;
    }
    if (state == State.HALF_OPEN && !trialInFlight) {
      trialInFlight = true;
      return true;
    }
    return false;
  }

  /** How long a caller refused by {@link #allowsCall()} should wait before asking again. */
  public synchronized long waitMs() {
    if (state == State.OPEN) {
      return Math.max(50, openMs - (clock.millis() - openedAt));
    }
    return 100;
  }

  public synchronized void succeeded() {
    failuresInARow = 0;
    trialInFlight = false;
    state = State.CLOSED;
  }

  public synchronized void failed() {
    failuresInARow++;
    if (state == State.HALF_OPEN || failuresInARow >= threshold) {
      if (state != State.OPEN) {
        opened++;
      }
      state = State.OPEN;
      openedAt = clock.millis();
    }
    trialInFlight = false;
  }

  /** A call that ended without saying anything about the platform's health (e.g. it was refused as invalid). */
  public synchronized void neutral() {
    trialInFlight = false;
  }

  public synchronized State state() {
    if (state == State.OPEN && clock.millis() - openedAt >= openMs) {
      return State.HALF_OPEN;
    }
    return state;
  }

  public synchronized long timesOpened() {
    return opened;
  }
}
