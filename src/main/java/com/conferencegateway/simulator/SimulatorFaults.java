package com.conferencegateway.simulator;

import io.vertx.core.json.JsonObject;
import java.util.Random;

/** Faults injected into the simulator, set by config or by its admin API. */
public final class SimulatorFaults {
  private final Random random = new Random();
  private volatile long latencyMs;
  private volatile double errorRate;
  private volatile double timeoutRate;
  private volatile int failNext;
  private volatile int dropPushes;
  private volatile int failStatus = 500;
  private volatile int timeoutNext;
  private volatile int resetNext;
  private volatile boolean actThenFail;
  private volatile long tempKeyLifetimeMs;

  /** HTTP_500 answers {@link #failStatus()}; TIMEOUT never answers; RESET closes the connection unanswered. */
  public enum Fault { NONE, HTTP_500, TIMEOUT, RESET }

  /** What to do with the next call: checked once per call. */
  public synchronized Fault next() {
    if (failNext > 0) {
      failNext--;
      return Fault.HTTP_500;
    }
    if (timeoutNext > 0) {
      timeoutNext--;
      return Fault.TIMEOUT;
    }
    if (resetNext > 0) {
      resetNext--;
      return Fault.RESET;
    }
    double roll = random.nextDouble();
    if (roll < timeoutRate) {
      return Fault.TIMEOUT;
    }
    if (roll < timeoutRate + errorRate) {
      return Fault.HTTP_500;
    }
    return Fault.NONE;
  }

  public synchronized boolean dropNextPush() {
    if (dropPushes > 0) {
      dropPushes--;
      return true;
    }
    return false;
  }

  /** The HTTP status of injected failures: 500 by default; 400 or 429 to test other answers. */
  public int failStatus() {
    return failStatus;
  }

  /**
   * True: a faulted call is carried out first and only its answer is lost, as when a real platform
   * acts and then times out or fails; false: a faulted call is not carried out.
   */
  public boolean actThenFail() {
    return actThenFail;
  }

  public long latencyMs() {
    return latencyMs;
  }

  /**
   * The platform invalidates each temp key on its own this long after issuing it (as a platform that
   * expires or rotates keys does), whoever holds it; 0: keys last until the next getAccountkey.
   */
  public long tempKeyLifetimeMs() {
    return tempKeyLifetimeMs;
  }

  /** Applies the fields present in {@code json}; the others keep their values. */
  public synchronized void update(JsonObject json) {
    latencyMs = json.getLong("latencyMs", latencyMs);
    errorRate = json.getDouble("errorRate", errorRate);
    timeoutRate = json.getDouble("timeoutRate", timeoutRate);
    failNext = json.getInteger("failNext", failNext);
    dropPushes = json.getInteger("dropPushes", dropPushes);
    failStatus = json.getInteger("failStatus", failStatus);
    timeoutNext = json.getInteger("timeoutNext", timeoutNext);
    resetNext = json.getInteger("resetNext", resetNext);
    actThenFail = json.getBoolean("actThenFail", actThenFail);
    tempKeyLifetimeMs = json.getLong("tempKeyLifetimeMs", tempKeyLifetimeMs);
  }

  public synchronized void clear() {
    latencyMs = 0;
    errorRate = 0;
    timeoutRate = 0;
    failNext = 0;
    dropPushes = 0;
    failStatus = 500;
    timeoutNext = 0;
    resetNext = 0;
    actThenFail = false;
    tempKeyLifetimeMs = 0;
  }

  public synchronized JsonObject toJson() {
    return new JsonObject().put("latencyMs", latencyMs).put("errorRate", errorRate).put("timeoutRate", timeoutRate)
        .put("failNext", failNext).put("dropPushes", dropPushes).put("failStatus", failStatus)
        .put("timeoutNext", timeoutNext).put("resetNext", resetNext).put("actThenFail", actThenFail)
        .put("tempKeyLifetimeMs", tempKeyLifetimeMs);
  }
}
