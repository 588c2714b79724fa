package com.conferencegateway.command;

import com.conferencegateway.account.AccountRecord;
import com.conferencegateway.account.AccountStore;
import com.conferencegateway.account.KeyRefused;
import com.conferencegateway.account.KeyUnavailable;
import com.conferencegateway.account.StaleKeySuspected;
import com.conferencegateway.platform.OutcomeUnknown;
import com.conferencegateway.platform.PlatformAnswer;
import com.conferencegateway.account.PlatformApi;
import com.conferencegateway.platform.PlatformBreaker;
import com.conferencegateway.platform.PlatformCall;
import com.conferencegateway.platform.PlatformCalls;
import com.conferencegateway.platform.PlatformRejected;
import com.conferencegateway.platform.RetryableFailure;
import com.conferencegateway.account.TempKey;
import com.conferencegateway.account.UnknownAccount;
import com.conferencegateway.support.Backoff;
import com.conferencegateway.support.Timers;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one command against the platform: the call it maps to, sent again as
 * {@link PlatformRetries} allows, and the result. A call whose outcome is unknown and that may not be
 * repeated ends as {@value #OUTCOME_UNKNOWN}. A non-"0" platform result is a failed result, never a
 * retry.
 */
public final class CommandExecutor implements CommandPipeline.Execution {
  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);
  /** The result's error code, and the DLQ's, for a call that may or may not have been carried out. */
  public static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

  private final PlatformApi platform;
  private final AccountStore accounts;
  private final PlatformRetries retries;
  private final Clock clock;
  private final String appId;
  private final PushUrls pushUrls;
  private final CommandMetrics metrics;

  /**
   * @param repeatableOnUnknownOutcome the command types whose platform call may be sent again when
   *     its outcome is unknown, because a second execution is harmless (command.repeatableOnUnknownOutcome)
   */
  public CommandExecutor(PlatformApi platform, AccountStore accounts, PlatformBreaker breaker, Timers timers,
      Clock clock, String appId, PushUrls pushUrls, int maxAttempts, long backoffInitialMs, long backoffMaxMs,
      CommandMetrics metrics, Set<String> repeatableOnUnknownOutcome) {
    this.platform = platform;
    this.accounts = accounts;
    this.retries = new PlatformRetries(breaker, timers, new Backoff(backoffInitialMs, backoffMaxMs), maxAttempts,
        repeatableOnUnknownOutcome, metrics);
    this.clock = clock;
    this.appId = appId;
    this.pushUrls = pushUrls;
    this.metrics = metrics;
  }

  /** {@code stillOurs}: false once the command's partition was handed over; then it fails with {@link HandedOver}. */
  public Future<CommandResult> execute(Command command, String traceparent, BooleanSupplier stillOurs) {
    Attempts attempts = new Attempts(command, traceparent, stillOurs);
    Future<CommandResult> result = dispatch(command, attempts, traceparent);
    return result.recover(e -> e instanceof HandedOver
            ? Future.failedFuture(e)
            : Future.succeededFuture(failure(command, e, attempts.get())))
        .onSuccess(r -> metrics.completed(r));
  }

  private Future<CommandResult> dispatch(Command command, Attempts attempts, String traceparent) {
    if (command instanceof Command.CreateConference c) {
      return requireAccount(c.accountId())
          .compose(v -> call(PlatformCalls.createConference(c.accountId(), c.caller(), c.phones(), c.userId()),
              attempts, traceparent))
          .map(a -> answered(command, a, attempts, a.text("sessionId"), c.accountId(), null));
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
          .compose(v -> retries.run(() -> platform.refreshKey(c.accountId()), attempts))
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
        platform.keys().learn(accountId, record.keyTemp());
      }
      // The result is published only once the keys are durable: a result without them would be useless.
      return retries.run(() -> accounts.save(record).recover(e -> Future.failedFuture(
              new RetryableFailure("storing the account in Kafka failed", 0, e))), new Attempts(c, traceparent))
          .map(v -> new CommandResult(c.commandId(), c.type(), CommandResult.SUCCEEDED, answer.result(),
              answer.describe(), null, accountId, status, attempts.get(), clock.instant(), null, null));
    });
  }

  private Future<Void> requireAccount(String accountId) {
    return platform.keys().knows(accountId) ? Future.succeededFuture() : Future.failedFuture(new UnknownAccount(accountId));
  }

  private Future<PlatformAnswer> call(PlatformCall call, Attempts attempts, String traceparent) {
    return retries.run(() -> {
      long start = System.nanoTime();
      return platform.call(call, traceparent, attempts.keyUse()).onComplete(ar -> {
        metrics.platformCall(call.name(), start, ar.succeeded());
        if (ar.succeeded() && LOG.isDebugEnabled()) {
          attempts.log(() -> LOG.debug("Platform call {} answered result {} in {} ms (attempt {})", call.name(),
              ar.result().result(), (System.nanoTime() - start) / 1_000_000, attempts.get()));
        }
      });
    }, attempts).recover(e -> e instanceof StaleKeySuspected stale
        // Refused for its key as often as command.maxAttempts allows: the platform's answer is the result.
        ? Future.succeededFuture(stale.answer())
        : Future.failedFuture(e));
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
    } else if (e instanceof KeyUnavailable) {
      code = "KEY_UNAVAILABLE";
    } else if (e instanceof PlatformRejected) {
      code = "PLATFORM_REJECTED";
    } else if (e instanceof PlatformRetries.RetriesExhausted) {
      code = "PLATFORM_UNAVAILABLE";
    } else if (e instanceof OutcomeUnknown) {
      code = OUTCOME_UNKNOWN;
    } else {
      code = "INTERNAL";
    }
    return new CommandResult(c.commandId(), c.type(), CommandResult.FAILED, platformResult, platformDescribe,
        c.sessionId(), null, null, attempts, clock.instant(), code, String.valueOf(e.getMessage()));
  }
}
