package com.conferencegateway.account;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One account's credentials as kept in the compacted {@code conference.accounts} topic (key: the
 * account id). The keys are held in plaintext only in memory; {@link #toJson} seals them.
 */
public record AccountRecord(
    String accountId, String kind, String companyId, String accountStatus,
    String keyPermanent, TempKey keyTemp, Instant updatedAt) {

  public static final String ACCOUNT = "account";
  public static final String APP = "app";

  public JsonObject toJson(SecretBox box) {
    JsonObject json = new JsonObject().put("accountId", accountId).put("kind", kind);
    if (companyId != null) {
      json.put("companyId", companyId);
    }
    if (accountStatus != null) {
      json.put("accountStatus", accountStatus);
    }
    if (keyPermanent != null) {
      json.put("keyPermanent", box.seal(keyPermanent, accountId + "/keyPermanent"));
    }
    if (keyTemp != null) {
      json.put("keyTemp", box.seal(keyTemp.value(), accountId + "/keyTemp"))
          .put("keyTempObtainedAt", keyTemp.obtainedAt().toString());
    }
    return json.put("updatedAt", updatedAt.toString());
  }

  public static AccountRecord fromJson(JsonObject json, SecretBox box) {
    String id = json.getString("accountId");
    String permanent = json.getString("keyPermanent");
    String temp = json.getString("keyTemp");
    return new AccountRecord(id, json.getString("kind", ACCOUNT), json.getString("companyId"),
        json.getString("accountStatus"),
        permanent == null ? null : box.open(permanent, id + "/keyPermanent"),
        temp == null ? null : new TempKey(box.open(temp, id + "/keyTemp"), Instant.parse(json.getString("keyTempObtainedAt"))),
        Instant.parse(json.getString("updatedAt")));
  }

  @Override
  public String toString() {
    return "AccountRecord[accountId=" + accountId + ", kind=" + kind + ", status=" + accountStatus + "]";
  }
}
