package com.conferencegateway.session;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /conferences/{sessionId}} and {@code GET /conferences?status=...} on the management
 * port, answered from this replica's {@link SessionView}. Until the view has read the topic to its
 * end, it answers 503 rather than a 404 that may be wrong.
 */
public final class SessionQuery {
  static final int DEFAULT_LIMIT = 10_000;
  static final int MAX_LIMIT = 100_000;

  private final SessionView view;
  private final BooleanSupplier loaded;

  public SessionQuery(SessionView view, BooleanSupplier loaded) {
    this.view = view;
    this.loaded = loaded;
  }

  public void mount(Router router) {
    router.get("/conferences").handler(this::list);
    router.get("/conferences/:sessionId").handler(this::one);
  }

  private void one(RoutingContext ctx) {
    if (!loaded(ctx)) {
      return;
    }
    String sessionId = ctx.pathParam("sessionId");
    ConferenceSession session = view.get(sessionId);
    if (session == null) {
      error(ctx, 404, "NOT_FOUND", "no conference " + sessionId + " is known (ended ones are kept for a while only)");
      return;
    }
    json(ctx, 200, SessionJson.toJson(session));
  }

  private void list(RoutingContext ctx) {
    if (!loaded(ctx)) {
      return;
    }
    String statusParam = ctx.queryParams().get("status");
    SessionStatus status = statusParam == null ? null : SessionStatus.fromWire(statusParam);
    if (statusParam != null && status == null) {
      error(ctx, 400, "INVALID_STATUS", "status must be ringing, active or ended, not \"" + statusParam + "\"");
      return;
    }
    Integer limit = limit(ctx.queryParams().get("limit"));
    if (limit == null) {
      error(ctx, 400, "INVALID_LIMIT", "limit must be a whole number from 1 to " + MAX_LIMIT);
      return;
    }
    JsonArray conferences = new JsonArray();
    view.list(status, limit).forEach(s -> conferences.add(SessionJson.toJson(s)));
    json(ctx, 200, new JsonObject().put("conferences", conferences));
  }

  private static Integer limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(text);
      return n >= 1 && n <= MAX_LIMIT ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private boolean loaded(RoutingContext ctx) {
    if (loaded.getAsBoolean()) {
      return true;
    }
    ctx.response().putHeader("Retry-After", "1");
    error(ctx, 503, "LOADING", "the session view is still reading conference.sessions; retry in a moment");
    return false;
  }

  private static void error(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toBuffer());
  }
}
