package com.conferencegateway.ingress;

import com.conferencegateway.support.UtcTime;
import com.conferencegateway.platform.PlatformTime;
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

  /** The contract's {@code conference.cdr} value; the only place it is mapped. */
  public byte[] toJsonBytes() {
    return RecordJson.object(g -> {
      g.writeStringField("detailId", detailId);
      g.writeStringField("sessionId", sessionId);
      g.writeStringField("beginTime", PlatformTime.isoSeconds(beginTime));
      g.writeStringField("endTime", PlatformTime.isoSeconds(endTime));
      g.writeNumberField("durationSeconds", durationSeconds);
      g.writeStringField("caller", caller);
      g.writeStringField("callee", callee);
      RecordJson.optional(g, "displayNumber", displayNumber);
      RecordJson.optional(g, "companyId", companyId);
      RecordJson.optional(g, "userId", userId);
      g.writeStringField("appId", appId);
      RecordJson.optional(g, "custAccount", custAccount);
      RecordJson.optional(g, "productKey", productKey);
      RecordJson.optional(g, "productCode", productCode);
      g.writeStringField("receivedAt", UtcTime.millis(receivedAt));
    });
  }
}
