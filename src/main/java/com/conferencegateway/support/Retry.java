package com.conferencegateway.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step until it succeeds, waiting on the {@link Backoff} schedule between tries: for work
 * that only needs Kafka to be there (creating topics, loading state), so that a late broker needs
 * no restart. Gives up only when {@code stopped} says the gateway is stopping.
 */
public final class Retry {
  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  private Retry() {}

  public static Future<Void> untilDone(String what, Supplier<Future<Void>> step, Timers timers, Backoff backoff,
      BooleanSupplier stopped) {
    Promise<Void> done = Promise.promise();
    attempt(what, step, timers, backoff, stopped, done, 1);
    return done.future();
  }

  private static void attempt(String what, Supplier<Future<Void>> step, Timers timers, Backoff backoff,
      BooleanSupplier stopped, Promise<Void> done, int attempt) {
    if (stopped.getAsBoolean()) {
      done.tryFail("stopping before " + what + " was done");
      return;
    }
    Future<Void> tried;
    try {
      tried = step.get();
    } catch (RuntimeException e) {
      tried = Future.failedFuture(e);
    }
    tried.onComplete(ar -> {
      if (ar.succeeded()) {
        done.tryComplete();
        return;
      }
      long delay = backoff.delayMs(attempt);
      LOG.warn("{} failed: {}; retrying in {} ms", what, ar.cause().getMessage(), delay);
      timers.after(delay, () -> attempt(what, step, timers, backoff, stopped, done, attempt + 1));
    });
  }
}
