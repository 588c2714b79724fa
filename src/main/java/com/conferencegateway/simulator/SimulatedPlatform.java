package com.conferencegateway.simulator;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.function.Supplier;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The platform's behaviour, without HTTP: the seven calls dispatched to the accounts (keys,
 * signatures, balances) and the conferences (legs, pushes, CDRs), every call in the call log. One
 * call at a time, as the platform's state is shared.
 */
public final class SimulatedPlatform {
  /** Schedules work after a delay ({@link PacedSteps} in the verticle, immediate in unit tests). */
  public interface Scheduler {
    void after(long delayMs, Runnable task);
  }

  /**
   * Where pushes go: the account's status_url and record_url. A call state's body is built only when
   * it is sent: with pushes dropped (benchmarks of commands), building them was a tenth of the
   * simulator's work.
   */
  public interface Outbox {
    void status(String sessionId, String url, Supplier<JsonObject> body);

    void cdrs(String sessionId, String url, JsonObject body);
  }

  private final SimulatedAccounts accounts;
  private final SimulatedConferences conferences;
  private final CallLog callLog;

  public SimulatedPlatform(String appId, String appKey, Clock clock, Scheduler scheduler, Outbox outbox,
      Duration timestampTolerance, long pacingMs, double failChance) {
    this.accounts = new SimulatedAccounts(appId, appKey, clock, timestampTolerance);
    this.conferences = new SimulatedConferences(this, appId, clock, scheduler, outbox, pacingMs, failChance);
    this.callLog = new CallLog(clock);
  }

  /** Preloads an organisation account (the demo account, or one a test knows). */
  public synchronized void addAccount(String accountId, String permanentKey, String companyId, String statusUrl,
      String recordUrl) {
    accounts.add(accountId, permanentKey, companyId, statusUrl, recordUrl);
  }

  /** Issues a new temp key behind the gateway's back: the old one stops working. */
  public synchronized boolean rotateTempKey(String id) {
    return accounts.rotateTempKey(id);
  }

  /** A suspended account's signed calls are refused (1009) for a reason other than their key. */
  public synchronized boolean suspend(String id, boolean suspended) {
    return accounts.suspend(id, suspended);
  }

  /** Temp keys issued at least {@code lifetime} ago stop working (the tempKeyLifetimeMs fault); returns how many. */
  public synchronized int expireTempKeys(java.time.Duration lifetime) {
    return accounts.expireTempKeys(lifetime);
  }

  /** A call answered by an injected fault instead of the platform's logic; logged like any call. */
  public void recordFault(String call, Map<String, String> params, String fault, String traceparent) {
    callLog.add(call, params, fault, traceparent);
  }

  public List<JsonObject> calls() {
    return callLog.entries();
  }

  public void clearCalls() {
    callLog.clear();
  }

  /** Answers one call; {@code params} as received (query or form). */
  public JsonObject handle(String call, Map<String, String> params) {
    return handle(call, params, null);
  }

  /** Answers one call; {@code traceparent} (W3C) is kept in the call log when the caller sent one. */
  public synchronized JsonObject handle(String call, Map<String, String> params, String traceparent) {
    JsonObject answer;
    try {
      answer = switch (call) {
        case "getAccountkey" -> accounts.getAccountkey(params);
        case "accountReg" -> accounts.accountReg(params);
        case "accountRecharge" -> accounts.accountRecharge(params);
        case "createConference" -> conferences.create(params, accounts.signedByAccount(params));
        case "conferenceAdd" -> conferences.add(params);
        case "conferenceMinus" -> conferences.minus(params);
        case "endConference" -> conferences.end(params);
        default -> throw new Refused(Refused.INVALID_PARAMETER, "unknown call " + call);
      };
    } catch (Refused r) {
      answer = r.answer();
    }
    callLog.add(call, params, answer.getString("result"), traceparent);
    return answer;
  }

  /** A state snapshot for the admin API: accounts with balances, conferences with legs. */
  public synchronized JsonObject snapshot() {
    return new JsonObject().put("accounts", accounts.snapshot()).put("conferences", conferences.snapshot());
  }
}
