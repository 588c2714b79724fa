package com.conferencegateway.command;

import com.conferencegateway.account.CallWithdrawn;
import com.conferencegateway.account.StaleKeySuspected;
import com.conferencegateway.platform.OutcomeUnknown;
import com.conferencegateway.platform.PlatformBreaker;
import com.conferencegateway.platform.RetryableFailure;
import com.conferencegateway.support.Backoff;
import com.conferencegateway.support.Timers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a failed platform call is sent again. A failure the platform certainly did not act on
 * ({@link RetryableFailure}) is retried for every command type; one whose outcome is unknown
 * ({@link OutcomeUnknown}) only where a repeat is harmless, so that a create or a recharge is never
 * carried out twice. Retries wait by timers on the {@link Backoff} schedule (or longer, as
 * Retry-After asks) and while the breaker is open; both kinds of failure count for the breaker. A
 * call refused for what may be a rotated temp key ({@link StaleKeySuspected}) is sent again at once:
 * its next attempt waits for a newer key. Every send counts as an attempt.
 */
final class PlatformRetries {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformRetries.class);

  private final PlatformBreaker breaker;
  private final Timers timers;
  private final Backoff backoff;
  private final int maxAttempts;
  private final Set<String> repeatableOnUnknownOutcome;
  private final CommandMetrics metrics;

  PlatformRetries(PlatformBreaker breaker, Timers timers, Backoff backoff, int maxAttempts,
      Set<String> repeatableOnUnknownOutcome, CommandMetrics metrics) {
    this.breaker = breaker;
    this.timers = timers;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    this.repeatableOnUnknownOutcome = Set.copyOf(repeatableOnUnknownOutcome);
    this.metrics = metrics;
  }

  /** Runs {@code attempt} until it succeeds, fails for good, or the attempts run out. */
  <T> Future<T> run(Supplier<Future<T>> attempt, Attempts attempts) {
    Promise<T> done = Promise.promise();
    tryOnce(attempt, attempts, done);
    return done.future();
  }

  private <T> void tryOnce(Supplier<Future<T>> attempt, Attempts attempts, Promise<T> done) {
    if (!attempts.stillOurs()) {
      // Its new owner carries the command out: a call from here too could create or credit twice.
      done.fail(new HandedOver(attempts.command()));
      return;
    }
    if (!breaker.allowsCall()) {
      timers.after(breaker.waitMs(), () -> tryOnce(attempt, attempts, done));
      return;
    }
    attempts.incrementAndGet();
    attempt.get().onComplete(ar -> {
      Throwable cause = ar.cause();
      if (ar.succeeded()) {
        breaker.succeeded();
        done.complete(ar.result());
      } else if (cause instanceof RetryableFailure retryable) {
        breaker.failed();
        retryOrGiveUp(attempt, attempts, done, retryable.getMessage(), retryable.retryAfterMs(), cause);
      } else if (cause instanceof StaleKeySuspected stale) {
        breaker.succeeded(); // the platform answered
        if (attempts.get() >= maxAttempts) {
          done.fail(stale);
        } else {
          metrics.retry();
          tryOnce(attempt, attempts, done);
        }
      } else if (cause instanceof CallWithdrawn) {
        done.fail(new HandedOver(attempts.command()));
      } else if (cause instanceof OutcomeUnknown unknown) {
        breaker.failed();
        if (mayRepeat(attempts.command(), unknown)) {
          retryOrGiveUp(attempt, attempts, done, unknown.getMessage(), unknown.retryAfterMs(), cause);
        } else {
          metrics.outcomeUnknown();
          done.fail(unknown);
        }
      } else {
        breaker.neutral();
        done.fail(cause);
      }
    });
  }

  /**
   * A call with an unknown outcome is sent again only when repeating it is harmless: the command's
   * type says so, or the call is not the command's own (a temp-key fetch on the way to a create).
   */
  boolean mayRepeat(Command command, OutcomeUnknown unknown) {
    return repeatableOnUnknownOutcome.contains(command.type()) || !unknown.call().equals(command.platformCall());
  }

  private <T> void retryOrGiveUp(Supplier<Future<T>> attempt, Attempts attempts, Promise<T> done, String why,
      long retryAfterMs, Throwable cause) {
    if (attempts.get() >= maxAttempts) {
      done.fail(new RetriesExhausted(attempts.get(), why, cause));
      return;
    }
    metrics.retry();
    long delay = Math.max(backoff.delayMs(attempts.get()), retryAfterMs);
    attempts.log(() -> LOG.info("Platform call attempt {} failed ({}); retrying in {} ms", attempts.get(), why, delay));
    timers.after(delay, () -> tryOnce(attempt, attempts, done));
  }

  /** Every attempt failed in a way that might have passed. */
  static final class RetriesExhausted extends RuntimeException {
    RetriesExhausted(int attempts, String last, Throwable cause) {
      super("the platform did not answer after " + attempts + " attempts; last: " + last, cause, false, false);
    }
  }
}
