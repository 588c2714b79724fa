package com.conferencegateway.session;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
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
    ViewEntry session = view.get(sessionId);
    if (session == null) {
      error(ctx, 404, "NOT_FOUND", "no conference " + sessionId + " is known (ended ones are kept for a while only)");
      return;
    }
    json(ctx, 200, Buffer.buffer(session.json()));
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
    // The records as they are in the topic, joined: nothing parsed or encoded again.
    Buffer body = Buffer.buffer().appendString("{\"conferences\":[");
    List<ViewEntry> found = view.list(status, limit);
    for (int i = 0; i < found.size(); i++) {
      if (i > 0) {
        body.appendByte((byte) ',');
      }
      body.appendBytes(found.get(i).json());
    }
    json(ctx, 200, body.appendString("]}"));
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
    json(ctx, status, body.toBuffer());
  }

  private static void json(RoutingContext ctx, int status, Buffer body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }
}
