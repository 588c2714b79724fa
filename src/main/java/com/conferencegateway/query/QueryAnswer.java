package com.conferencegateway.query;

import io.vertx.core.json.JsonObject;

/** The one place that turns a failed query into its HTTP answer. */
public record QueryAnswer(int status, JsonObject body, boolean retryAfter, boolean bearerChallenge) {

  public static QueryAnswer forFailure(Throwable failure) {
    if (failure instanceof QueryFailure f) {
      JsonObject body = new JsonObject().put("error", new JsonObject().put("code", f.code()).put("message", f.getMessage()));
      if (f instanceof QueryFailure.Invalid) {
        return new QueryAnswer(400, body, false, false);
      }
      if (f instanceof QueryFailure.Unauthorized) {
        return new QueryAnswer(401, body, false, true);
      }
      if (f instanceof QueryFailure.NotFound) {
        return new QueryAnswer(404, body, false, false);
      }
      return new QueryAnswer(503, body, true, false);
    }
    // Anything else is the gateway's problem, said without its details; the caller may retry.
    return new QueryAnswer(503, new JsonObject().put("error", new JsonObject().put("code", "NOT_READY")
        .put("message", "the query could not be answered; retry in a moment")), true, false);
  }
}
