package com.conferencegateway.simulator;

import com.conferencegateway.platform.PlatformTime;
import com.conferencegateway.platform.Signature;
import com.conferencegateway.platform.TimestampFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The platform's behaviour, without HTTP: the seven calls with the checks the real platform makes
 * (parameters, signature with the right key, timestamp), its state (app, accounts, temp keys,
 * balances, conferences) and the pushes a conference's life produces.
 */
public final class SimulatedPlatform {
  /** Result codes of the simulator's refusals; the spec lists none, only "0" is success. */
  public static final String SIGN_MISMATCH = "1001";
  public static final String BAD_TIMESTAMP = "1002";
  public static final String MISSING_PARAMETER = "1003";
  public static final String UNKNOWN_ACCOUNT = "1004";
  public static final String UNKNOWN_SESSION = "1005";
  public static final String CALLER_NOT_ANSWERED = "1006";
  public static final String CONFERENCE_ENDED = "1007";
  public static final String INVALID_PARAMETER = "1008";

  /** Schedules work after a delay (Vert.x timers in the verticle, immediate in unit tests). */
  public interface Scheduler {
    void after(long delayMs, Runnable task);
  }

  /** Where pushes go: the account's status_url and record_url. */
  public interface Outbox {
    void status(String sessionId, String url, JsonObject body);

    void cdrs(String sessionId, String url, JsonObject body);
  }

  private final Clock clock;
  private final Scheduler scheduler;
  private final Outbox outbox;
  private final Duration timestampTolerance;
  private final long pacingMs;
  private final double failChance;
  private final Random random = new Random();
  private final SecureRandom keys = new SecureRandom();
  private final AtomicLong detailIds = new AtomicLong(System.currentTimeMillis() * 10);
  private final String appId;
  private final Map<String, Principal> principals = new LinkedHashMap<>();
  private final Map<String, Conference> conferences = new LinkedHashMap<>();
  // Bounded: a simulator left running (dev mode, benchmarks) must not fill the heap.
  private static final int MAX_CALL_LOG = 10_000;
  private static final int MAX_CONFERENCES = 10_000;
  private final java.util.ArrayDeque<JsonObject> callLog = new java.util.ArrayDeque<>();

  public SimulatedPlatform(String appId, String appKey, Clock clock, Scheduler scheduler, Outbox outbox,
      Duration timestampTolerance, long pacingMs, double failChance) {
    this.appId = appId;
    this.clock = clock;
    this.scheduler = scheduler;
    this.outbox = outbox;
    this.timestampTolerance = timestampTolerance;
    this.pacingMs = pacingMs;
    this.failChance = failChance;
    principals.put(appId, new Principal(appId, appKey, true));
  }

  /** An app or an organisation account: what signs calls and where its pushes go. */
  static final class Principal {
    final String id;
    final String permanentKey;
    final boolean app;
    String tempKey;
    String companyId;
    String statusUrl;
    String recordUrl;
    long balanceMoney;
    long balanceTime;

    Principal(String id, String permanentKey, boolean app) {
      this.id = id;
      this.permanentKey = permanentKey;
      this.app = app;
    }
  }

  static final class Leg {
    final String number;
    final boolean caller;
    String state = "NEW";
    Instant answeredAt;
    Instant endedAt;

    Leg(String number, boolean caller) {
      this.number = number;
      this.caller = caller;
    }
  }

  static final class Conference {
    final String sessionId;
    final Principal account;
    final String caller;
    final String userId;
    final Map<String, Leg> legs = new LinkedHashMap<>();
    final Instant createdAt;
    boolean ended;

    Conference(String sessionId, Principal account, String caller, String userId, Instant createdAt) {
      this.sessionId = sessionId;
      this.account = account;
      this.caller = caller;
      this.userId = userId;
      this.createdAt = createdAt;
    }
  }

  /** Preloads an organisation account (the demo account, or one a test knows). */
  public synchronized void addAccount(String accountId, String permanentKey, String companyId, String statusUrl,
      String recordUrl) {
    Principal p = new Principal(accountId, permanentKey, false);
    p.companyId = companyId;
    p.statusUrl = statusUrl;
    p.recordUrl = recordUrl;
    principals.put(accountId, p);
  }

  /** Issues a new temp key behind the gateway's back: the old one stops working. */
  public synchronized boolean rotateTempKey(String id) {
    Principal p = principals.get(id);
    if (p == null) {
      return false;
    }
    p.tempKey = newKey();
    return true;
  }

  /** A call answered by an injected fault instead of the platform's logic; logged like any call. */
  public synchronized void recordFault(String call, Map<String, String> params, String fault, String traceparent) {
    JsonObject entry = new JsonObject().put("call", call).put("params", new JsonObject(new LinkedHashMap<>(params)))
        .put("result", fault).put("at", clock.instant().toString());
    if (traceparent != null) {
      entry.put("traceparent", traceparent);
    }
    log(entry);
  }

  public synchronized List<JsonObject> calls() {
    return List.copyOf(callLog);
  }

  private void log(JsonObject entry) {
    callLog.addLast(entry);
    if (callLog.size() > MAX_CALL_LOG) {
      callLog.removeFirst();
    }
  }

  public synchronized void clearCalls() {
    callLog.clear();
  }

  /** Answers one call; {@code params} as received (query or form). */
  public synchronized JsonObject handle(String call, Map<String, String> params) {
    return handle(call, params, null);
  }

  /** Answers one call; {@code traceparent} (W3C) is kept in the call log when the caller sent one. */
  public synchronized JsonObject handle(String call, Map<String, String> params, String traceparent) {
    JsonObject answer;
    try {
      answer = switch (call) {
        case "getAccountkey" -> getAccountkey(params);
        case "accountReg" -> accountReg(params);
        case "accountRecharge" -> accountRecharge(params);
        case "createConference" -> createConference(params);
        case "conferenceAdd" -> conferenceAdd(params);
        case "conferenceMinus" -> conferenceMinus(params);
        case "endConference" -> endConference(params);
        default -> refusal(INVALID_PARAMETER, "unknown call " + call);
      };
    } catch (Refused r) {
      answer = refusal(r.code, r.getMessage());
    }
    JsonObject entry = new JsonObject().put("call", call).put("params", new JsonObject(new LinkedHashMap<>(params)))
        .put("result", answer.getString("result")).put("at", clock.instant().toString());
    if (traceparent != null) {
      entry.put("traceparent", traceparent);
    }
    log(entry);
    return answer;
  }

  private JsonObject getAccountkey(Map<String, String> p) {
    Principal who = principal(required(p, "account_identify"));
    verify(p, who.id, who.permanentKey);
    who.tempKey = newKey();
    return success().put("key_temp", who.tempKey);
  }

  private JsonObject accountReg(Map<String, String> p) {
    String app = required(p, "account_identifer");
    String company = required(p, "company_identifer");
    String authData = required(p, "authData");
    Principal who = principal(app);
    if (!who.app) {
      throw new Refused(INVALID_PARAMETER, "account_identifer " + app + " is not an app");
    }
    verify(p, app, requireTemp(who));
    maxLength("company_identifer", company, 50);
    JsonObject auth;
    try {
      auth = new JsonObject(authData);
    } catch (RuntimeException e) {
      throw new Refused(INVALID_PARAMETER, "authData is not a JSON object");
    }
    for (String field : List.of("name", "telephone", "linker")) {
      if (auth.getValue(field) == null || auth.getValue(field).toString().isBlank()) {
        throw new Refused(MISSING_PARAMETER, "authData." + field + " is missing");
      }
    }
    String accountId = "ACC" + HexFormat.of().withUpperCase().formatHex(randomBytes(14));
    Principal account = new Principal(accountId, newKey(), false);
    account.tempKey = newKey();
    account.companyId = company;
    account.statusUrl = p.get("status_url");
    account.recordUrl = p.get("record_url");
    principals.put(accountId, account);
    return success().put("data", new JsonObject().put("account_identify", accountId).put("account_status", "1")
        .put("key_permanent", account.permanentKey).put("key_temp", account.tempKey));
  }

  private JsonObject accountRecharge(Map<String, String> p) {
    Principal who = account(required(p, "account_identify"));
    String amount = required(p, "amount");
    String type = required(p, "type");
    String unitPrice = required(p, "unit_price");
    String ability = required(p, "ability_type");
    verify(p, who.id, requireTemp(who));
    if (!amount.matches("\\d{1,12}")) {
      throw new Refused(INVALID_PARAMETER, "amount must be a whole number");
    }
    if (!type.equals("01") && !type.equals("02")) {
      throw new Refused(INVALID_PARAMETER, "type must be 01 (money) or 02 (time)");
    }
    if (!unitPrice.matches("\\d{1,12}(\\.\\d{1,6})?")) {
      throw new Refused(INVALID_PARAMETER, "unit_price must be a decimal number");
    }
    if (!ability.equals("COMM")) {
      throw new Refused(INVALID_PARAMETER, "ability_type must be COMM");
    }
    if (type.equals("01")) {
      who.balanceMoney += Long.parseLong(amount);
    } else {
      who.balanceTime += Long.parseLong(amount);
    }
    return success();
  }

  private JsonObject createConference(Map<String, String> p) {
    String caller = required(p, "caller");
    String phones = required(p, "phones");
    Principal who = account(required(p, "account_identify"));
    String userId = required(p, "userId");
    verify(p, who.id, requireTemp(who));
    maxLength("userId", userId, 30);
    List<String> numbers = numbers("phones", phones);
    String sessionId = sessionId();
    Conference c = new Conference(sessionId, who, caller, userId, clock.instant());
    conferences.put(sessionId, c);
    if (conferences.size() > MAX_CONFERENCES) {
      // The oldest conference is forgotten: calls naming it get "unknown session".
      conferences.remove(conferences.keySet().iterator().next());
    }
    Leg callerLeg = new Leg(caller, true);
    c.legs.put(caller, callerLeg);
    long at = 0;
    at = dial(c, callerLeg, at);
    for (String n : numbers) {
      Leg leg = new Leg(n, false);
      c.legs.putIfAbsent(n, leg);
      at = dial(c, leg, at);
    }
    return success().put("sessionId", sessionId);
  }

  private JsonObject conferenceAdd(Map<String, String> p) {
    Conference c = liveConference(required(p, "sessionid"));
    long at = 0;
    for (String n : numbers("calledNbr", required(p, "calledNbr"))) {
      Leg existing = c.legs.get(n);
      if (existing != null && !existing.state.equals("DISCONNECTED") && !existing.state.equals("FAILED")) {
        continue;
      }
      Leg leg = new Leg(n, false);
      c.legs.put(n, leg);
      at = dial(c, leg, at);
    }
    return success();
  }

  private JsonObject conferenceMinus(Map<String, String> p) {
    Conference c = liveConference(required(p, "sessionid"));
    for (String n : numbers("calledNbr", required(p, "calledNbr"))) {
      Leg leg = c.legs.get(n);
      if (leg == null || leg.caller) {
        throw new Refused(INVALID_PARAMETER, n + " is not a participant of " + c.sessionId);
      }
      hangUp(c, leg);
    }
    return success();
  }

  private JsonObject endConference(Map<String, String> p) {
    Conference c = liveConference(required(p, "sessionid"));
    Leg caller = c.legs.values().stream().filter(l -> l.caller).findFirst().orElseThrow();
    if (caller.answeredAt == null) {
      throw new Refused(CALLER_NOT_ANSWERED, "the caller has not answered yet; end the conference after the intro tone");
    }
    c.ended = true;
    c.legs.values().forEach(leg -> hangUp(c, leg));
    sendCdrs(c);
    return success();
  }

  /** Schedules INVITE, RINGING, then ANSWERED (or FAILED/CANCEL by chance) for one leg. */
  private long dial(Conference c, Leg leg, long startAt) {
    boolean fails = random.nextDouble() < failChance;
    long at = startAt;
    schedule(c, leg, "INVITE", at);
    at += pacingMs;
    schedule(c, leg, "RINGING", at);
    at += pacingMs * 2;
    schedule(c, leg, fails ? (leg.caller ? "CANCEL" : "FAILED") : "ANSWERED", at);
    return at + pacingMs;
  }

  private void schedule(Conference c, Leg leg, String state, long at) {
    scheduler.after(at, () -> {
      synchronized (this) {
        if (leg.state.equals("DISCONNECTED") || leg.state.equals("FAILED") || leg.state.equals("CANCEL")) {
          return;
        }
        leg.state = state;
        if (state.equals("ANSWERED")) {
          leg.answeredAt = clock.instant();
        }
        pushState(c, leg, state);
      }
    });
  }

  private void hangUp(Conference c, Leg leg) {
    if (leg.state.equals("DISCONNECTED")) {
      return;
    }
    leg.state = "DISCONNECTED";
    leg.endedAt = clock.instant();
    pushState(c, leg, "DISCONNECTED");
  }

  private void pushState(Conference c, Leg leg, String state) {
    JsonObject data = new JsonObject()
        .put("session_id", c.sessionId)
        .put("caller", "86" + c.caller)
        .put("callee", (leg.caller ? "86" : "0") + leg.number)
        .put("call_state", state)
        .put("stateTime", PlatformTime.format(clock.instant(), PlatformTime.STATE_TIME))
        .put("appidentify", appId);
    outbox.status(c.sessionId, c.account.statusUrl, new JsonObject().put("describe", "状态数据").put("data", data));
  }

  private void sendCdrs(Conference c) {
    JsonArray data = new JsonArray();
    for (Leg leg : c.legs.values()) {
      Instant begin = leg.answeredAt != null ? leg.answeredAt : c.createdAt;
      Instant end = leg.endedAt != null ? leg.endedAt : clock.instant();
      long seconds = leg.answeredAt == null ? 0 : Math.max(0, Duration.between(begin, end).toSeconds());
      data.add(new JsonObject()
          .put("detailId", Long.toString(detailIds.incrementAndGet()))
          .put("session_id", c.sessionId)
          .put("beginTime", PlatformTime.format(begin, PlatformTime.SECONDS))
          .put("endTime", PlatformTime.format(end, PlatformTime.SECONDS))
          .put("time", Long.toString(seconds))
          .put("caller", c.caller)
          .put("callee", leg.number)
          .put("displaynbr", c.caller)
          .put("com_identify", c.account.companyId == null ? "" : c.account.companyId)
          .put("user_identifer", c.userId)
          .put("app_identify", appId)
          .put("cust_account", "SIM-" + c.account.id)
          .put("product_key", appId)
          .put("product_code", "SIM"));
    }
    outbox.cdrs(c.sessionId, c.account.recordUrl, new JsonObject().put("describe", "话单数据").put("data", data));
  }

  /** The signature with the key the call must be signed with, and a timestamp close to our clock. */
  private void verify(Map<String, String> p, String id, String key) {
    String timestamp = required(p, "timestamp");
    String sign = required(p, "sign");
    Instant at = TimestampFormat.read(timestamp);
    if (at == null) {
      throw new Refused(BAD_TIMESTAMP, "timestamp \"" + timestamp + "\" is neither yyyyMMddHHmmss nor epoch milliseconds");
    }
    if (Duration.between(at, clock.instant()).abs().compareTo(timestampTolerance) > 0) {
      throw new Refused(BAD_TIMESTAMP, "timestamp is more than " + timestampTolerance.toSeconds()
          + " s away from the platform's clock");
    }
    if (!Signature.matches(Signature.sign(id, key, timestamp), sign)) {
      throw new Refused(SIGN_MISMATCH, "sign does not match (wrong or stale key?)");
    }
  }

  private String requireTemp(Principal who) {
    if (who.tempKey == null) {
      throw new Refused(SIGN_MISMATCH, "no temp key issued for " + who.id + "; call getAccountkey first");
    }
    return who.tempKey;
  }

  private Principal principal(String id) {
    Principal p = principals.get(id);
    if (p == null) {
      throw new Refused(UNKNOWN_ACCOUNT, "unknown account or app " + id);
    }
    return p;
  }

  private Principal account(String id) {
    Principal p = principal(id);
    if (p.app) {
      throw new Refused(INVALID_PARAMETER, id + " is an app, not an organisation account");
    }
    return p;
  }

  private Conference liveConference(String sessionId) {
    Conference c = conferences.get(sessionId);
    if (c == null) {
      throw new Refused(UNKNOWN_SESSION, "unknown session " + sessionId);
    }
    if (c.ended) {
      throw new Refused(CONFERENCE_ENDED, "the conference " + sessionId + " has ended");
    }
    return c;
  }

  private static String required(Map<String, String> p, String name) {
    String v = p.get(name);
    if (v == null || v.isBlank()) {
      throw new Refused(MISSING_PARAMETER, "missing parameter " + name);
    }
    return v.strip();
  }

  private static void maxLength(String name, String value, int max) {
    if (value.length() > max) {
      throw new Refused(INVALID_PARAMETER, name + " is longer than " + max + " characters");
    }
  }

  private static List<String> numbers(String name, String csv) {
    List<String> numbers = new ArrayList<>();
    for (String n : csv.split(",")) {
      String t = n.strip();
      if (!t.matches("\\+?\\d{3,20}")) {
        throw new Refused(INVALID_PARAMETER, name + " holds \"" + t + "\", which is not a phone number");
      }
      numbers.add(t);
    }
    return numbers;
  }

  private String sessionId() {
    StringBuilder sb = new StringBuilder(32);
    sb.append(1 + random.nextInt(9));
    while (sb.length() < 32) {
      sb.append(random.nextInt(10));
    }
    return sb.toString();
  }

  private String newKey() {
    return HexFormat.of().formatHex(randomBytes(16));
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    keys.nextBytes(b);
    return b;
  }

  private static JsonObject success() {
    return new JsonObject().put("result", "0").put("describe", "success");
  }

  private static JsonObject refusal(String code, String describe) {
    return new JsonObject().put("result", code).put("describe", describe);
  }

  /** A state snapshot for the admin API: accounts with balances, conferences with legs. */
  public synchronized JsonObject snapshot() {
    JsonArray accounts = new JsonArray();
    principals.values().forEach(p -> accounts.add(new JsonObject().put("id", p.id).put("app", p.app)
        .put("companyId", p.companyId).put("balanceMoney", p.balanceMoney).put("balanceTime", p.balanceTime)
        .put("statusUrl", p.statusUrl).put("recordUrl", p.recordUrl)
        // The simulator's own keys: shown so that tests can prove the gateway never writes them out.
        .put("keyPermanent", p.permanentKey).put("keyTemp", p.tempKey)));
    JsonArray confs = new JsonArray();
    conferences.values().forEach(c -> {
      JsonObject legs = new JsonObject();
      c.legs.values().forEach(l -> legs.put(l.number, l.state));
      confs.add(new JsonObject().put("sessionId", c.sessionId).put("accountId", c.account.id)
          .put("ended", c.ended).put("legs", legs));
    });
    return new JsonObject().put("accounts", accounts).put("conferences", confs);
  }

  /** A refusal of a call, with its result code. */
  static final class Refused extends RuntimeException {
    final String code;

    Refused(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
