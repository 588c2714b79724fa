package com.conferencegateway.query;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API on its own port: bearer tokens (or a forwarding gateway's token), then
 * {@link ConferenceQueries} and {@link EventStreams}; every failure answered by {@link QueryAnswer}.
 */
public final class QueryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(QueryVerticle.class);
  private static final String FORWARDED = "forwarded";

  private final String host;
  private final int port;
  private final Credentials credentials;
  private final ConferenceQueries queries;
  private final Function<io.vertx.core.Vertx, EventStreams> events;
  private EventStreams streams;
  private HttpServer server;

  /** {@code events}: the event streams, made on this verticle's Vert.x (they run on its event loop). */
  public QueryVerticle(String host, int port, Credentials credentials, ConferenceQueries queries,
      Function<io.vertx.core.Vertx, EventStreams> events) {
    this.host = host;
    this.port = port;
    this.credentials = credentials;
    this.queries = queries;
    this.events = events;
  }

  @Override
  public Future<?> start() {
    streams = events.apply(vertx);
    Router router = Router.router(vertx);
    router.route().handler(this::authenticate);
    router.get("/conferences").handler(ctx -> answer(ctx, queries.list(
        ListRequest.parse(ctx.queryParams()::get, forwarded(ctx), credentials), forwarded(ctx))));
    router.get("/conferences/:sessionId").handler(ctx -> answer(ctx, queries.one(ctx.pathParam("sessionId"),
        forwarded(ctx))));
    router.get("/conferences/:sessionId/events").handler(this::events);
    router.route().handler(ctx -> fail(ctx, new QueryFailure.NotFound("NO_SUCH_ENDPOINT",
        ctx.request().method() + " " + ctx.normalizedPath() + " is not part of the query API (see docs/openapi.yaml)")));
    router.route().failureHandler(ctx -> fail(ctx, ctx.failure()));
    if (credentials.open()) {
      LOG.warn("The query API on port {} is open: no GATEWAY_QUERY_TOKENS are set, so anyone who reaches it reads "
          + "conferences and their phone numbers", port);
    }
    return vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
            .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE)).requestHandler(router).listen(port, host).onSuccess(s -> server = s);
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** A forwarding gateway's token, or the caller's bearer token: 401 otherwise. */
  private void authenticate(RoutingContext ctx) {
    String forwardedBy = ctx.request().getHeader(Credentials.FORWARDED);
    if (forwardedBy != null) {
      if (!credentials.isForwardToken(forwardedBy)) {
        fail(ctx, new QueryFailure.Unauthorized("the forwarding token is not this fleet's (another GATEWAY_SECRET_KEY?)"));
        return;
      }
      ctx.put(FORWARDED, true);
    } else if (!credentials.allows(ctx.request().getHeader("Authorization"))) {
      fail(ctx, new QueryFailure.Unauthorized("send Authorization: Bearer <one of GATEWAY_QUERY_TOKENS>"));
      return;
    }
    ctx.next();
  }

  private static boolean forwarded(RoutingContext ctx) {
    return Boolean.TRUE.equals(ctx.get(FORWARDED));
  }

  private void events(RoutingContext ctx) {
    long lastEventId;
    String header = ctx.request().getHeader("Last-Event-ID");
    try {
      lastEventId = header == null || header.isBlank() ? 0 : Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      fail(ctx, new QueryFailure.Invalid("INVALID_LAST_EVENT_ID", "Last-Event-ID must be a version number"));
      return;
    }
    streams.open(ctx.pathParam("sessionId"), lastEventId, ctx.response()).onFailure(e -> fail(ctx, e));
  }

  private static void answer(RoutingContext ctx, Future<Buffer> body) {
    body.onSuccess(json -> ctx.response().putHeader("content-type", "application/json").end(json))
        .onFailure(e -> fail(ctx, e));
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    QueryAnswer answer = QueryAnswer.forFailure(e);
    if (!(e instanceof QueryFailure)) {
      LOG.warn("A query failed: {}", String.valueOf(e));
    }
    if (answer.retryAfter()) {
      ctx.response().putHeader("Retry-After", "1");
    }
    if (answer.bearerChallenge()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ctx.response().setStatusCode(answer.status()).putHeader("content-type", "application/json")
        .end(answer.body().toBuffer());
  }

  @Override
  public Future<?> stop() {
    streams.closeAll();
    return server == null ? Future.succeededFuture() : server.close();
  }
}
