package com.conferencegateway.bench;

import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Sends at a fixed rate whatever the answers do (reached over a ramp), each request stamped with when
 * it was due, so that a stalled server cannot hide its stall; {@code done} completes when the last one
 * due before {@code end} was answered. Used by every open-loop benchmark.
 */
final class OpenLoop {
  private OpenLoop() {}

  /** {@code send}: sends one request due at the given nanoTime; {@code inFlight}: those not answered yet. */
  static void run(Vertx vertx, long ratePerSecond, long rampNanos, long start, long end, LongConsumer send,
      AtomicLong inFlight, CompletableFuture<Void> done) {
    OpenLoopSchedule schedule = new OpenLoopSchedule(ratePerSecond, rampNanos);
    long total = schedule.countBefore(end - start);
    AtomicLong next = new AtomicLong();
    vertx.setPeriodic(1, id -> {
      long now = System.nanoTime();
      while (next.get() < total && start + schedule.dueAt(next.get()) <= now) {
        send.accept(start + schedule.dueAt(next.getAndIncrement()));
      }
      if (now >= end) {
        vertx.cancelTimer(id);
        vertx.setPeriodic(10, wait -> {
          if (inFlight.get() == 0) {
            vertx.cancelTimer(wait);
            done.complete(null);
          }
        });
      }
    });
  }
}
