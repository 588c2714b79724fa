package com.conferencegateway.simulator;

import static com.conferencegateway.simulator.CallParams.maxLength;
import static com.conferencegateway.simulator.CallParams.required;

import com.conferencegateway.platform.Signature;
import com.conferencegateway.platform.TimestampFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app and the organisation accounts: their keys, how every signed call is checked (signature
 * with the right key, timestamp close to the platform's clock), registration, temp keys, balances.
 * Not thread-safe: {@link SimulatedPlatform} serialises the calls.
 */
final class SimulatedAccounts {
  private final Clock clock;
  private final Duration timestampTolerance;
  private final SecureRandom keys = new SecureRandom();
  private final Map<String, SimulatedPrincipal> principals = new LinkedHashMap<>();

  SimulatedAccounts(String appId, String appKey, Clock clock, Duration timestampTolerance) {
    this.clock = clock;
    this.timestampTolerance = timestampTolerance;
    principals.put(appId, new SimulatedPrincipal(appId, appKey, true));
  }

  void add(String accountId, String permanentKey, String companyId, String statusUrl, String recordUrl) {
    SimulatedPrincipal p = new SimulatedPrincipal(accountId, permanentKey, false);
    p.companyId = companyId;
    p.statusUrl = statusUrl;
    p.recordUrl = recordUrl;
    principals.put(accountId, p);
  }

  boolean rotateTempKey(String id) {
    SimulatedPrincipal p = principals.get(id);
    if (p == null) {
      return false;
    }
    p.tempKey = newKey();
    p.tempKeysInvalidated++;
    return true;
  }

  /**
   * Temp keys issued at least {@code lifetime} ago stop working, as when the platform expires or
   * rotates keys on its own; returns how many.
   */
  int expireTempKeys(Duration lifetime) {
    Instant cutoff = clock.instant().minus(lifetime);
    int n = 0;
    for (SimulatedPrincipal p : principals.values()) {
      if (p.tempKey != null && p.tempKeyIssuedAt != null && !p.tempKeyIssuedAt.isAfter(cutoff)) {
        rotateTempKey(p.id);
        p.tempKeyIssuedAt = null; // the replacement is no one's: it never expires, it is never used
        n++;
      }
    }
    return n;
  }

  /** §7.1.1 */
  JsonObject getAccountkey(Map<String, String> p) {
    SimulatedPrincipal who = principal(required(p, "account_identify"));
    verify(p, who.id, who.permanentKey);
    who.tempKey = newKey();
    who.tempKeyIssuedAt = clock.instant();
    who.tempKeysIssued++;
    return Refused.success().put("key_temp", who.tempKey);
  }

  /** §7.1.2, signed with the app's temp key. */
  JsonObject accountReg(Map<String, String> p) {
    String app = required(p, "account_identifer");
    String company = required(p, "company_identifer");
    String authData = required(p, "authData");
    SimulatedPrincipal who = principal(app);
    if (!who.app) {
      throw new Refused(Refused.INVALID_PARAMETER, "account_identifer " + app + " is not an app");
    }
    verify(p, app, requireTemp(who));
    maxLength("company_identifer", company, 50);
    JsonObject auth;
    try {
      auth = new JsonObject(authData);
    } catch (RuntimeException e) {
      throw new Refused(Refused.INVALID_PARAMETER, "authData is not a JSON object");
    }
    for (String field : List.of("name", "telephone", "linker")) {
      if (auth.getValue(field) == null || auth.getValue(field).toString().isBlank()) {
        throw new Refused(Refused.MISSING_PARAMETER, "authData." + field + " is missing");
      }
    }
    String accountId = "ACC" + HexFormat.of().withUpperCase().formatHex(randomBytes(14));
    SimulatedPrincipal account = new SimulatedPrincipal(accountId, newKey(), false);
    account.tempKey = newKey();
    account.tempKeyIssuedAt = clock.instant();
    account.companyId = company;
    account.statusUrl = p.get("status_url");
    account.recordUrl = p.get("record_url");
    principals.put(accountId, account);
    return Refused.success().put("data", new JsonObject().put("account_identify", accountId).put("account_status", "1")
        .put("key_permanent", account.permanentKey).put("key_temp", account.tempKey));
  }

  /** §7.1.3 */
  JsonObject accountRecharge(Map<String, String> p) {
    SimulatedPrincipal who = account(required(p, "account_identify"));
    String amount = required(p, "amount");
    String type = required(p, "type");
    String unitPrice = required(p, "unit_price");
    String ability = required(p, "ability_type");
    verify(p, who.id, requireTemp(who));
    refuseIfSuspended(who);
    if (!amount.matches("\\d{1,12}")) {
      throw new Refused(Refused.INVALID_PARAMETER, "amount must be a whole number");
    }
    if (!type.equals("01") && !type.equals("02")) {
      throw new Refused(Refused.INVALID_PARAMETER, "type must be 01 (money) or 02 (time)");
    }
    if (!unitPrice.matches("\\d{1,12}(\\.\\d{1,6})?")) {
      throw new Refused(Refused.INVALID_PARAMETER, "unit_price must be a decimal number");
    }
    if (!ability.equals("COMM")) {
      throw new Refused(Refused.INVALID_PARAMETER, "ability_type must be COMM");
    }
    if (type.equals("01")) {
      who.balanceMoney += Long.parseLong(amount);
    } else {
      who.balanceTime += Long.parseLong(amount);
    }
    return Refused.success();
  }

  /** The organisation account named by a call, signed with its temp key. */
  SimulatedPrincipal signedByAccount(Map<String, String> p) {
    SimulatedPrincipal who = account(required(p, "account_identify"));
    verify(p, who.id, requireTemp(who));
    refuseIfSuspended(who);
    return who;
  }

  boolean suspend(String id, boolean suspended) {
    SimulatedPrincipal p = principals.get(id);
    if (p == null) {
      return false;
    }
    p.suspended = suspended;
    return true;
  }

  private static void refuseIfSuspended(SimulatedPrincipal who) {
    if (who.suspended) {
      throw new Refused(Refused.ACCOUNT_SUSPENDED, "account " + who.id + " is suspended");
    }
  }

  /** The signature with the key the call must be signed with, and a timestamp close to our clock. */
  private void verify(Map<String, String> p, String id, String key) {
    String timestamp = required(p, "timestamp");
    String sign = required(p, "sign");
    Instant at = TimestampFormat.read(timestamp);
    if (at == null) {
      throw new Refused(Refused.BAD_TIMESTAMP, "timestamp \"" + timestamp
          + "\" is neither yyyyMMddHHmmss nor epoch milliseconds");
    }
    if (Duration.between(at, clock.instant()).abs().compareTo(timestampTolerance) > 0) {
      throw new Refused(Refused.BAD_TIMESTAMP, "timestamp is more than " + timestampTolerance.toSeconds()
          + " s away from the platform's clock");
    }
    if (!Signature.matches(Signature.sign(id, key, timestamp), sign)) {
      throw new Refused(Refused.SIGN_MISMATCH, "sign does not match (wrong or stale key?)");
    }
  }

  private String requireTemp(SimulatedPrincipal who) {
    if (who.tempKey == null) {
      throw new Refused(Refused.SIGN_MISMATCH, "no temp key issued for " + who.id + "; call getAccountkey first");
    }
    return who.tempKey;
  }

  private SimulatedPrincipal principal(String id) {
    SimulatedPrincipal p = principals.get(id);
    if (p == null) {
      throw new Refused(Refused.UNKNOWN_ACCOUNT, "unknown account or app " + id);
    }
    return p;
  }

  private SimulatedPrincipal account(String id) {
    SimulatedPrincipal p = principal(id);
    if (p.app) {
      throw new Refused(Refused.INVALID_PARAMETER, id + " is an app, not an organisation account");
    }
    return p;
  }

  private String newKey() {
    return HexFormat.of().formatHex(randomBytes(16));
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    keys.nextBytes(b);
    return b;
  }

  /** Accounts with balances and keys for the admin API (the simulator's own keys: tests prove the gateway never writes them out). */
  JsonArray snapshot() {
    JsonArray accounts = new JsonArray();
    principals.values().forEach(p -> accounts.add(new JsonObject().put("id", p.id).put("app", p.app)
        .put("companyId", p.companyId).put("balanceMoney", p.balanceMoney).put("balanceTime", p.balanceTime)
        .put("statusUrl", p.statusUrl).put("recordUrl", p.recordUrl)
        .put("keyPermanent", p.permanentKey).put("keyTemp", p.tempKey)
        .put("tempKeysIssued", p.tempKeysIssued).put("tempKeysInvalidated", p.tempKeysInvalidated)
        .put("suspended", p.suspended)));
    return accounts;
  }
}
