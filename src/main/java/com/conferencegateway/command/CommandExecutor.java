package com.conferencegateway.command;

import com.conferencegateway.platform.AccountRecord;
import com.conferencegateway.platform.AccountStore;
import com.conferencegateway.platform.KeyRefused;
import com.conferencegateway.platform.OutcomeUnknown;
import com.conferencegateway.platform.PlatformAnswer;
import com.conferencegateway.platform.PlatformApi;
import com.conferencegateway.platform.PlatformBreaker;
import com.conferencegateway.platform.PlatformCall;
import com.conferencegateway.platform.PlatformCalls;
import com.conferencegateway.platform.PlatformRejected;
import com.conferencegateway.platform.RetryableFailure;
import com.conferencegateway.platform.TempKey;
import com.conferencegateway.platform.UnknownAccount;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries out one command against the platform: the call it maps to, retries by timers (exponential
 * backoff with jitter, Retry-After honoured), waiting while the breaker is open, and the result. A
 * call the platform certainly did not act on is retried for every type; one whose outcome is unknown
 * only for the types whose repeat is harmless, else the result is {@value #OUTCOME_UNKNOWN}, so a
 * create or a recharge is never carried out twice. A non-"0" platform result is a failed result,
 * never a retry.
 */
public final class CommandExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
  /** The result's error code, and the DLQ's, for a call that may or may not have been carried out. */
  public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

  /** Schedules a retry; Vert.x's setTimer in the gateway. */
  public interface Timers {
    void after(long delayMs, Runnable task);
  }

  /** The registration defaults: where the platform should push for a new account. */
  public record PushUrls(String statusUrl, String recordUrl) {
    @Override
    public String toString() {
      return "PushUrls[...]"; // may carry the push token
    }
  }

  private final PlatformApi platform;
  private final AccountStore accounts;
  private final PlatformBreaker breaker;
  private final Timers timers;
  private final Clock clock;
  private final String appId;
  private final PushUrls pushUrls;
  private final int maxAttempts;
  private final long backoffInitialMs;
  private final long backoffMaxMs;
  private final CommandMetrics metrics;
  private final Set<String> repeatableOnUnknownOutcome;

  /**
   * @param repeatableOnUnknownOutcome the command types whose platform call may be sent again when
   *     its outcome is unknown, because a second execution is harmless (command.repeatableOnUnknownOutcome)
   */
  public CommandExecutor(PlatformApi platform, AccountStore accounts, PlatformBreaker breaker, Timers timers,
      Clock clock, String appId, PushUrls pushUrls, int maxAttempts, long backoffInitialMs, long backoffMaxMs,
      CommandMetrics metrics, Set<String> repeatableOnUnknownOutcome) {
    this.platform = platform;
    this.accounts = accounts;
    this.breaker = breaker;
    this.timers = timers;
    this.clock = clock;
    this.appId = appId;
    this.pushUrls = pushUrls;
    this.maxAttempts = maxAttempts;
    this.backoffInitialMs = backoffInitialMs;
    this.backoffMaxMs = backoffMaxMs;
    this.metrics = metrics;
    this.repeatableOnUnknownOutcome = Set.copyOf(repeatableOnUnknownOutcome);
  }

  public Future<CommandResult> execute(Command command, String traceparent) {
    Attempts attempts = new Attempts(command, traceparent);
    Future<CommandResult> result = dispatch(command, attempts, traceparent);
    return result.recover(e -> Future.succeededFuture(failure(command, e, attempts.get())))
        .onSuccess(r -> metrics.completed(r));
  }

  private Future<CommandResult> dispatch(Command command, Attempts attempts, String traceparent) {
    if (command instanceof Command.CreateConference c) {
      return requireAccount(c.accountId())
          .compose(v -> call(PlatformCalls.createConference(c.accountId(), c.caller(), c.phones(), c.userId()),
              attempts, traceparent))
          .map(a -> answered(command, a, attempts, a.text("sessionId"), null, null));
    }
    if (command instanceof Command.AddParticipants c) {
      return call(PlatformCalls.conferenceAdd(c.sessionId(), c.phones()), attempts, traceparent)
          .map(a -> answered(command, a, attempts, c.sessionId(), null, null));
    }
    if (command instanceof Command.RemoveParticipants c) {
      return call(PlatformCalls.conferenceMinus(c.sessionId(), c.phones()), attempts, traceparent)
          .map(a -> answered(command, a, attempts, c.sessionId(), null, null));
    }
    if (command instanceof Command.EndConference c) {
      return call(PlatformCalls.endConference(c.sessionId()), attempts, traceparent)
          .map(a -> answered(command, a, attempts, c.sessionId(), null, null));
    }
    if (command instanceof Command.RechargeAccount c) {
      return requireAccount(c.accountId())
          .compose(v -> call(PlatformCalls.accountRecharge(c.accountId(), c.amount(),
              c.rechargeType().equals("money") ? "01" : "02", c.unitPrice(), c.abilityType()), attempts, traceparent))
          .map(a -> answered(command, a, attempts, null, c.accountId(), null));
    }
    if (command instanceof Command.RefreshKey c) {
      return requireAccount(c.accountId())
          .compose(v -> retrying(() -> platform.refreshKey(c.accountId(), traceparent), attempts))
          .map(v -> succeeded(command, attempts, null, c.accountId(), null));
    }
    return register((Command.RegisterAccount) command, attempts, traceparent);
  }

  private Future<CommandResult> register(Command.RegisterAccount c, Attempts attempts, String traceparent) {
    PlatformCall call = PlatformCalls.accountReg(appId, c.companyId(), c.authData(),
        c.recordUrl() != null ? c.recordUrl() : pushUrls.recordUrl(),
        c.statusUrl() != null ? c.statusUrl() : pushUrls.statusUrl());
    return call(call, attempts, traceparent).compose(answer -> {
      if (!answer.succeeded()) {
        return Future.succeededFuture(answered(c, answer, attempts, null, null, null));
      }
      String accountId = answer.text("account_identify");
      String permanent = answer.text("key_permanent");
      String temp = answer.text("key_temp");
      String status = answer.text("account_status");
      if (accountId == null || permanent == null) {
        return Future.failedFuture(new PlatformRejected("accountReg succeeded without account_identify or key_permanent"));
      }
      AccountRecord record = new AccountRecord(accountId, AccountRecord.ACCOUNT, c.companyId(), status, permanent,
          temp == null ? null : new TempKey(temp, clock.instant()), clock.instant());
      platform.keys().putPermanent(accountId, permanent);
      if (record.keyTemp() != null) {
        platform.keys().learnTemp(accountId, record.keyTemp());
      }
      // The result is published only once the keys are durable: a result without them would be useless.
      return retrying(() -> accounts.save(record).recover(e -> Future.failedFuture(
              new RetryableFailure("storing the account in Kafka failed", 0, e))), new Attempts(c, traceparent))
          .map(v -> new CommandResult(c.commandId(), c.type(), CommandResult.SUCCEEDED, answer.result(),
              answer.describe(), null, accountId, status, attempts.get(), clock.instant(), null, null));
    });
  }

  private Future<Void> requireAccount(String accountId) {
    return platform.keys().knows(accountId) ? Future.succeededFuture() : Future.failedFuture(new UnknownAccount(accountId));
  }

  private Future<PlatformAnswer> call(PlatformCall call, Attempts attempts, String traceparent) {
    return retrying(() -> {
      long start = System.nanoTime();
      return platform.call(call, traceparent).onComplete(ar -> {
        metrics.platformCall(call.name(), start, ar.succeeded());
        if (ar.succeeded() && LOG.isDebugEnabled()) {
          attempts.log(() -> LOG.debug("Platform call {} answered result {} in {} ms (attempt {})", call.name(),
              ar.result().result(), (System.nanoTime() - start) / 1_000_000, attempts.get()));
        }
      });
    }, attempts);
  }

  /** Runs {@code attempt} until it succeeds, fails for good, or the attempts run out. */
  private <T> Future<T> retrying(Supplier<Future<T>> attempt, Attempts attempts) {
    Promise<T> done = Promise.promise();
    tryOnce(attempt, attempts, done);
    return done.future();
  }

  private <T> void tryOnce(Supplier<Future<T>> attempt, Attempts attempts, Promise<T> done) {
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
  private boolean mayRepeat(Command command, OutcomeUnknown unknown) {
    return repeatableOnUnknownOutcome.contains(command.type()) || !unknown.call().equals(command.platformCall());
  }

  private <T> void retryOrGiveUp(Supplier<Future<T>> attempt, Attempts attempts, Promise<T> done, String why,
      long retryAfterMs, Throwable cause) {
    if (attempts.get() >= maxAttempts) {
      done.fail(new RetriesExhausted(attempts.get(), why, cause));
      return;
    }
    metrics.retry();
    long delay = Math.max(backoff(attempts.get()), retryAfterMs);
    attempts.log(() -> LOG.info("Platform call attempt {} failed ({}); retrying in {} ms", attempts.get(), why, delay));
    timers.after(delay, () -> tryOnce(attempt, attempts, done));
  }

  /** Exponential, capped, with full jitter over its upper half so that retries do not march in step. */
  private long backoff(int attempt) {
    long ceiling = Math.min(backoffMaxMs, backoffInitialMs << Math.min(attempt - 1, 20));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  private CommandResult answered(Command c, PlatformAnswer a, Attempts attempts, String sessionId,
      String accountId, String accountStatus) {
    if (a.succeeded()) {
      return new CommandResult(c.commandId(), c.type(), CommandResult.SUCCEEDED, a.result(), a.describe(), sessionId,
          accountId, accountStatus, attempts.get(), clock.instant(), null, null);
    }
    return new CommandResult(c.commandId(), c.type(), CommandResult.FAILED, a.result(), a.describe(), sessionId,
        accountId, accountStatus, attempts.get(), clock.instant(), "PLATFORM_RESULT",
        "the platform answered result " + a.result() + ": " + a.describe());
  }

  private CommandResult succeeded(Command c, Attempts attempts, String sessionId, String accountId, String status) {
    return new CommandResult(c.commandId(), c.type(), CommandResult.SUCCEEDED, "0", "success", sessionId, accountId,
        status, attempts.get(), clock.instant(), null, null);
  }

  /** Every failure type to its result: the one place that decides. */
  private CommandResult failure(Command c, Throwable e, int attempts) {
    String code;
    String platformResult = null;
    String platformDescribe = null;
    if (e instanceof UnknownAccount) {
      code = "UNKNOWN_ACCOUNT";
    } else if (e instanceof KeyRefused refused) {
      code = "KEY_REFUSED";
      platformResult = refused.answer().result();
      platformDescribe = refused.answer().describe();
    } else if (e instanceof PlatformRejected) {
      code = "PLATFORM_REJECTED";
    } else if (e instanceof RetriesExhausted) {
      code = "PLATFORM_UNAVAILABLE";
    } else if (e instanceof OutcomeUnknown) {
      code = OUTCOME_UNKNOWN;
    } else {
      code = "INTERNAL";
    }
    return new CommandResult(c.commandId(), c.type(), CommandResult.FAILED, platformResult, platformDescribe,
        c.sessionId(), null, null, attempts, clock.instant(), code, String.valueOf(e.getMessage()));
  }

  /**
   * The attempts of one command, and what its log lines carry in the MDC: the command id, the
   * session and the W3C traceparent of the command's record, so that a platform call's log lines can
   * be found from the trace that produced the command.
   */
  static final class Attempts {
    private final AtomicInteger count = new AtomicInteger();
    private final Command command;
    private final String traceparent;

    Attempts(Command command, String traceparent) {
      this.command = command;
      this.traceparent = traceparent;
    }

    int get() {
      return count.get();
    }

    Command command() {
      return command;
    }

    int incrementAndGet() {
      return count.incrementAndGet();
    }

    void log(Runnable line) {
      try {
        MDC.put("commandId", command.commandId());
        if (command.sessionId() != null) {
          MDC.put("sessionId", command.sessionId());
        }
        if (traceparent != null) {
          MDC.put("traceparent", traceparent);
        }
        line.run();
      } finally {
        MDC.remove("commandId");
        MDC.remove("sessionId");
        MDC.remove("traceparent");
      }
    }
  }

  /** Every attempt failed in a way that might have passed. */
  public static final class RetriesExhausted extends RuntimeException {
    RetriesExhausted(int attempts, String last, Throwable cause) {
      super("the platform did not answer after " + attempts + " attempts; last: " + last, cause, false, false);
    }
  }
}
