package com.conferencegateway.command;

import com.conferencegateway.support.Backoff;
import com.conferencegateway.support.Timers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka being away must not lose a result or a dead letter: a publish is tried again, by timer, until
 * Kafka takes it (the command's offset waits meanwhile). At shutdown it gives up once the backoff is at
 * its longest: the offset is then not committed, so the command is delivered again to the next owner.
 */
final class UntilPublished {
  private static final Logger LOG = LoggerFactory.getLogger(UntilPublished.class);
  private static final Backoff BACKOFF = new Backoff(200, 10_000);

  private final Timers timers;
  private final BooleanSupplier shuttingDown;

  UntilPublished(Timers timers, BooleanSupplier shuttingDown) {
    this.timers = timers;
    this.shuttingDown = shuttingDown;
  }

  Future<Void> publish(Supplier<Future<Void>> publish) {
    Promise<Void> p = Promise.promise();
    attempt(publish, p, 1);
    return p.future();
  }

  private void attempt(Supplier<Future<Void>> publish, Promise<Void> p, int attempt) {
    publish.get().onComplete(ar -> {
      if (ar.succeeded()) {
        p.complete();
      } else if (shuttingDown.getAsBoolean() && BACKOFF.ceilingMs(attempt) >= BACKOFF.maxMs()) {
        p.fail(ar.cause());
      } else {
        long delay = BACKOFF.delayMs(attempt);
        LOG.warn("Publishing to Kafka failed ({}); retrying in {} ms", ar.cause().getMessage(), delay);
        timers.after(delay, () -> attempt(publish, p, attempt + 1));
      }
    });
  }
}
