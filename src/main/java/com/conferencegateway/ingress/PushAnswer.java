package com.conferencegateway.ingress;

import io.vertx.core.json.JsonObject;

/** What the gateway answers to one push, before it is shaped for its endpoint. */
record PushAnswer(PushCode code, String message) {

  public static PushAnswer accepted() {
    return new PushAnswer(PushCode.ACCEPTED, "success");
  }

  /** Any failure, typed, to its answer: the one place that decides. */
  public static PushAnswer forFailure(Throwable failure) {
    if (failure instanceof InvalidPush invalid) {
      return new PushAnswer(invalid.code(), invalid.getMessage());
    }
    if (failure instanceof NotDurable notDurable) {
      return new PushAnswer(PushCode.NOT_DURABLE, notDurable.getMessage());
    }
    return null;
  }

  /** {@code {"result": ..., "describe": ...}} of §7.3.1. */
  public JsonObject asStatusAnswer() {
    return new JsonObject().put("result", code.statusResult()).put("describe", message);
  }

  /** {@code {"code": ..., "desc": ...}} of §7.3.2. */
  public JsonObject asCdrAnswer() {
    return new JsonObject().put("code", code.cdrCode()).put("desc", message);
  }
}
