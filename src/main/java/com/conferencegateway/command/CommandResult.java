package com.conferencegateway.command;

import com.conferencegateway.support.UtcTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One command's outcome, as published to {@code conference.command.result}. Never carries a key. */
record CommandResult(
    String commandId, String type, String status, String platformResult, String platformDescribe,
    String sessionId, String accountId, String accountStatus, int attempts, Instant completedAt,
    String errorCode, String errorMessage) {

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String REJECTED = "rejected";

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("commandId", commandId).put("type", type).put("status", status);
    put(j, "platformResult", platformResult);
    put(j, "platformDescribe", platformDescribe);
    put(j, "sessionId", sessionId);
    put(j, "accountId", accountId);
    put(j, "accountStatus", accountStatus);
    j.put("attempts", attempts).put("completedAt", UtcTime.millis(completedAt));
    if (errorCode != null) {
      j.put("error", new JsonObject().put("code", errorCode).put("message", errorMessage == null ? "" : errorMessage));
    }
    return j;
  }

  private static void put(JsonObject j, String key, String value) {
    if (value != null) {
      j.put(key, value);
    }
  }
}
