package com.conferencegateway.ingress;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The push server the platform reaches: two routes wired to {@link PushIngress}. */
public final class PushVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PushVerticle.class);

  private final PushVerticleSettings settings;
  private final PushIngress ingress;
  private final PushToken token;
  private final PushMetrics metrics;
  private final com.conferencegateway.support.CidrSet allowlist;
  private final SourceLimits limits;
  // Per connection: the timer that closes it when the next request's headers take too long.
  private final Map<HttpConnection, Long> headerTimers = new HashMap<>();
  // Connections over the per-source limit: their request gets a 429 and the connection is closed.
  private final java.util.Set<HttpConnection> overLimit = new java.util.HashSet<>();
  private HttpServer server;

  public PushVerticle(PushVerticleSettings settings, PushIngress ingress, MeterRegistry registry, SourceLimits limits) {
    this.settings = settings;
    this.ingress = ingress;
    this.token = new PushToken(settings.pushToken());
    this.metrics = new PushMetrics(registry);
    this.allowlist = new com.conferencegateway.support.CidrSet(settings.allowedSources());
    this.limits = limits;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(this::admit);
    // Refuses a body over the limit (413) from Content-Length or while it streams in, never buffering it whole.
    BodyHandler body = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()).setMergeFormAttributes(false);
    router.post("/platform/status").handler(body)
        .handler(ctx -> handle(ctx, "status", b -> ingress.status(b, ctx.request().getHeader("traceparent"))))
        .failureHandler(ctx -> answer(ctx, "status", failureAnswer(ctx)));
    router.post("/platform/cdr").handler(body)
        .handler(ctx -> handle(ctx, "cdr", b -> ingress.cdrs(b, ctx.request().getHeader("traceparent"))))
        .failureHandler(ctx -> answer(ctx, "cdr", failureAnswer(ctx)));
    router.route().failureHandler(ctx -> answer(ctx, ctx.request().path().endsWith("/cdr") ? "cdr" : "status",
        failureAnswer(ctx)));
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout(settings.idleTimeoutSeconds())
        .setMaxHeaderSize(settings.maxHeaderBytes())
        .setMaxInitialLineLength(8 * 1024);
    if (settings.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(settings.tlsCertFile()).setKeyPath(settings.tlsKeyFile()));
    }
    return vertx.createHttpServer(options)
        .connectionHandler(this::connected)
        .requestHandler(request -> {
          if (overLimit.contains(request.connection())) {
            refuseConnection(request);
            return;
          }
          guardRequest(request);
          router.handle(request);
        })
        .listen(settings.port(), settings.host())
        .onSuccess(s -> server = s);
  }

  /** A request on a connection over the per-source limit: 429, and the connection is closed. */
  private void refuseConnection(HttpServerRequest request) {
    PushAnswer answer = new PushAnswer(PushCode.RATE_LIMITED, "too many connections from "
        + request.remoteAddress().hostAddress() + "; reuse a kept-alive connection");
    JsonObject body = request.path().endsWith("/cdr") ? answer.asCdrAnswer() : answer.asStatusAnswer();
    request.response().setStatusCode(429).putHeader("Retry-After", String.valueOf(limits.retryAfterSeconds()))
        .putHeader("Connection", "close").putHeader("content-type", "application/json;charset=UTF-8")
        .end(body.encode()).onComplete(ar -> request.connection().close());
  }

  /** Too many connections from one source are closed at once; a quiet one must send headers in time. */
  private void connected(HttpConnection connection) {
    String source = connection.remoteAddress() == null ? "?" : connection.remoteAddress().hostAddress();
    if (!limits.tryConnect(source)) {
      LOG.info("Connection from {} refused: too many open connections from that source", source);
      overLimit.add(connection);
      connection.closeHandler(v -> overLimit.remove(connection));
      return;
    }
    connection.closeHandler(v -> {
      limits.closed(source);
      cancelHeaderTimer(connection);
    });
    armHeaderTimer(connection);
  }

  private void armHeaderTimer(HttpConnection connection) {
    cancelHeaderTimer(connection);
    long id = vertx.setTimer(settings.headerTimeoutSeconds() * 1000L, t -> {
      headerTimers.remove(connection);
      connection.close();
    });
    headerTimers.put(connection, id);
  }

  private void cancelHeaderTimer(HttpConnection connection) {
    Long id = headerTimers.remove(connection);
    if (id != null) {
      vertx.cancelTimer(id);
    }
  }

  /** Headers are in: the body now has its own deadline, and the next request its header timer. */
  private void guardRequest(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    cancelHeaderTimer(connection);
    long bodyTimer = vertx.setTimer(settings.bodyTimeoutSeconds() * 1000L, t -> {
      if (!request.isEnded()) {
        LOG.info("Connection from {} closed: the body took longer than {} s", request.remoteAddress(),
            settings.bodyTimeoutSeconds());
        connection.close();
      }
    });
    request.response().endHandler(v -> {
      vertx.cancelTimer(bodyTimer);
      if (!request.response().closed()) {
        armHeaderTimer(connection);
      }
    });
  }

  private void admit(RoutingContext ctx) {
    String source = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    String endpoint = ctx.request().path().endsWith("/cdr") ? "cdr" : "status";
    if (!allowlist.admits(source)) {
      answer(ctx, endpoint, new PushAnswer(PushCode.SOURCE_NOT_ALLOWED, "pushes from " + source + " are not allowed"));
    } else if (!limits.tryRequest(source)) {
      answer(ctx, endpoint, new PushAnswer(PushCode.RATE_LIMITED, "too many pushes from " + source + "; slow down"));
    } else {
      ctx.next();
    }
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Stops accepting connections, lets the pushes in flight get their answers, then closes. */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(settings.drainMs(), TimeUnit.MILLISECONDS);
  }

  private void handle(RoutingContext ctx, String endpoint, Function<byte[], Future<PushAnswer>> logic) {
    ctx.put("startNanos", System.nanoTime());
    metrics.received(endpoint);
    Future<PushAnswer> answer;
    try {
      token.check(ctx.request().getParam("token"));
      byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      answer = logic.apply(PushBody.decode(raw, ctx.request().getHeader("Content-Type"),
          ctx.request().getHeader("Content-Encoding"), settings.maxBodyBytes()));
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onSuccess(a -> answer(ctx, endpoint, a)).onFailure(ctx::fail);
  }

  private PushAnswer failureAnswer(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      return new PushAnswer(PushCode.BODY_TOO_LARGE, "the body is larger than " + settings.maxBodyBytes() + " bytes");
    }
    PushAnswer typed = ctx.failure() == null ? null : PushAnswer.forFailure(ctx.failure());
    if (typed != null) {
      return typed;
    }
    LOG.error("Push failed unexpectedly ({} {})", ctx.request().method(), ctx.request().path(), ctx.failure());
    return new PushAnswer(PushCode.NOT_DURABLE, "internal error; nothing was accepted, retry later");
  }

  private void answer(RoutingContext ctx, String endpoint, PushAnswer answer) {
    if (ctx.response().ended()) {
      return;
    }
    Long start = ctx.get("startNanos");
    metrics.answered(endpoint, answer, start == null ? System.nanoTime() : start);
    JsonObject body = endpoint.equals("status") ? answer.asStatusAnswer() : answer.asCdrAnswer();
    var response = ctx.response().setStatusCode(answer.code().httpStatus())
        .putHeader("content-type", "application/json;charset=UTF-8");
    if (answer.code() == PushCode.NOT_DURABLE) {
      response.putHeader("Retry-After", String.valueOf(settings.retryAfterSeconds()));
    } else if (answer.code() == PushCode.RATE_LIMITED) {
      response.putHeader("Retry-After", String.valueOf(limits.retryAfterSeconds()));
    }
    if (answer.code().httpStatus() >= 400 && answer.code() != PushCode.NOT_DURABLE
        && answer.code() != PushCode.RATE_LIMITED) {
      LOG.info("Push to /platform/{} refused: {} {}", endpoint, answer.code().cdrCode(), answer.message());
    }
    response.end(body.encode());
  }
}
