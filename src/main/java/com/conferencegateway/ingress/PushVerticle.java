package com.conferencegateway.ingress;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
  private HttpServer server;

  public PushVerticle(PushVerticleSettings settings, PushIngress ingress, MeterRegistry registry) {
    this.settings = settings;
    this.ingress = ingress;
    this.token = new PushToken(settings.pushToken());
    this.metrics = new PushMetrics(registry);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    // Refuses a body over the limit (413) from Content-Length or while it streams in, never buffering it whole.
    BodyHandler body = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()).setMergeFormAttributes(false);
    router.post("/platform/status").handler(body)
        .handler(ctx -> handle(ctx, "status", b -> ingress.status(b, ctx.request().getHeader("traceparent"))))
        .failureHandler(ctx -> answer(ctx, "status", failureAnswer(ctx)));
    router.post("/platform/cdr").handler(body)
        .handler(ctx -> handle(ctx, "cdr", b -> ingress.cdrs(b, ctx.request().getHeader("traceparent"))))
        .failureHandler(ctx -> answer(ctx, "cdr", failureAnswer(ctx)));
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout(settings.idleTimeoutSeconds())
        .setMaxHeaderSize(16 * 1024)
        .setMaxInitialLineLength(8 * 1024);
    return vertx.createHttpServer(options)
        .requestHandler(router)
        .listen(settings.port(), settings.host())
        .onSuccess(s -> server = s);
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
      answer = logic.apply(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
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
    }
    if (answer.code().httpStatus() >= 400 && answer.code() != PushCode.NOT_DURABLE) {
      LOG.info("Push to /platform/{} refused: {} {}", endpoint, answer.code().cdrCode(), answer.message());
    }
    response.end(body.encode());
  }
}
