package com.conferencegateway.simulator;

import io.vertx.core.json.JsonObject;

/** A call the simulated platform refuses, with its result code; the spec lists none, only "0" is success. */
public final class Refused extends RuntimeException {
  public static final String SIGN_MISMATCH = "1001";
  public static final String BAD_TIMESTAMP = "1002";
  public static final String MISSING_PARAMETER = "1003";
  public static final String UNKNOWN_ACCOUNT = "1004";
  public static final String UNKNOWN_SESSION = "1005";
  public static final String CALLER_NOT_ANSWERED = "1006";
  public static final String CONFERENCE_ENDED = "1007";
  public static final String INVALID_PARAMETER = "1008";
  /** A business refusal: the account may not create conferences or be recharged now. */
  public static final String ACCOUNT_SUSPENDED = "1009";

  final String code;

  Refused(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  JsonObject answer() {
    return new JsonObject().put("result", code).put("describe", getMessage());
  }

  static JsonObject success() {
    return new JsonObject().put("result", "0").put("describe", "success");
  }
}
