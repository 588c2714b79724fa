package com.conferencegateway.command;

import com.conferencegateway.support.JsonPacking;
import com.conferencegateway.support.UtcTime;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** One command's outcome, as published to {@code conference.command.result}. Never carries a key. */
record CommandResult(
    String commandId, String type, String status, String platformResult, String platformDescribe,
    String sessionId, String accountId, String accountStatus, int attempts, Instant completedAt,
    String errorCode, String errorMessage) {

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String REJECTED = "rejected";

  /** How the done-commands window keeps a result in memory: this mapping's field names and values, one byte each. */
  static final JsonPacking PACKING = new JsonPacking(List.of("{\"commandId\":", ",\"type\":", ",\"status\":",
      ",\"platformResult\":", ",\"platformDescribe\":", ",\"sessionId\":", ",\"accountId\":",
      ",\"accountStatus\":", ",\"attempts\":", ",\"completedAt\":", ",\"error\":{\"code\":", ",\"message\":",
      "\"succeeded\"", "\"failed\"", "\"rejected\"", "\"conference.create\"", "\"conference.add\"",
      "\"conference.remove\"", "\"conference.end\"", "\"account.register\"", "\"account.recharge\"",
      "\"account.refreshKey\""));

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
