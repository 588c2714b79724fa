package com.conferencegateway.ingress;

import com.conferencegateway.support.UtcTime;
import com.conferencegateway.platform.PlatformTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;

/** One call detail record (§7.3.2), as published to {@code conference.cdr}. Optional fields may be null. */
record Cdr(
    String detailId,
    String sessionId,
    OffsetDateTime beginTime,
    OffsetDateTime endTime,
    long durationSeconds,
    String caller,
    String callee,
    String displayNumber,
    String companyId,
    String userId,
    String appId,
    String custAccount,
    String productKey,
    String productCode,
    Instant receivedAt) {

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("detailId", detailId)
        .put("sessionId", sessionId)
        .put("beginTime", PlatformTime.isoSeconds(beginTime))
        .put("endTime", PlatformTime.isoSeconds(endTime))
        .put("durationSeconds", durationSeconds)
        .put("caller", caller)
        .put("callee", callee);
    putIfPresent(json, "displayNumber", displayNumber);
    putIfPresent(json, "companyId", companyId);
    putIfPresent(json, "userId", userId);
    json.put("appId", appId);
    putIfPresent(json, "custAccount", custAccount);
    putIfPresent(json, "productKey", productKey);
    putIfPresent(json, "productCode", productCode);
    return json.put("receivedAt", UtcTime.millis(receivedAt));
  }

  private static void putIfPresent(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
