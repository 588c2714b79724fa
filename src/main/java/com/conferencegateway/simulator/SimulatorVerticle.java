package com.conferencegateway.simulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP face: the platform's calls at {@code /httpIntf/<call>.do} (GET query or POST
 * form), and an admin API for state, the call log and fault injection.
 */
public final class SimulatorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerticle.class);
  // Paced call steps fire up to this late (the pacing is 300 ms in dev mode).
  private static final long STEP_TICK_MS = 10;
  private static final long KEY_EXPIRY_TICK_MS = 50;

  private final SimulatorSettings settings;
  private final SimulatorFaults faults = new SimulatorFaults();
  private final Consumer<SimulatedPlatform> setup;
  private final PacedSteps steps = new PacedSteps(() -> System.nanoTime() / 1_000_000);
  private long stepTimer = -1;
  private long keyExpiryTimer = -1;
  private SimulatedPlatform platform;
  private PushSender pushes;
  private HttpServer server;
  private WebClient web;

  /** {@code setup} runs once the platform exists (to preload accounts), before the server listens. */
  public SimulatorVerticle(SimulatorSettings settings, Consumer<SimulatedPlatform> setup) {
    this.settings = settings;
    this.setup = setup;
  }

  @Override
  public Future<?> start() {
    // The platform pushes concurrently: a small pool would make the pushes of busy conferences queue and time out.
    web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setKeepAliveTimeout(5)
            .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE),
        new PoolOptions().setHttp1MaxSize(128));
    pushes = new PushSender(vertx, web, faults, settings.pushMaxAttempts());
    platform = new SimulatedPlatform(settings.appId(), settings.appKey(), Clock.systemUTC(), this::after,
        new SimulatedPlatform.Outbox() {
          @Override
          public void status(String sessionId, String url, Supplier<JsonObject> body) {
            pushes.push(sessionId, url, body, false);
          }

          @Override
          public void cdrs(String sessionId, String url, JsonObject body) {
            pushes.push(sessionId, url, () -> body, true);
          }
        },
        Duration.ofSeconds(settings.timestampToleranceSeconds()), settings.pacingMs(), settings.failChance());
    setup.accept(platform);
    stepTimer = vertx.setPeriodic(STEP_TICK_MS, id -> steps.tick());
    keyExpiryTimer = vertx.setPeriodic(KEY_EXPIRY_TICK_MS, id -> expireTempKeys());

    Router router = Router.router(vertx);
    router.route("/httpIntf/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.getWithRegex("/httpIntf/([A-Za-z]+)\\.do").handler(this::call);
    router.postWithRegex("/httpIntf/([A-Za-z]+)\\.do").handler(this::call);
    router.route("/admin/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.get("/admin/state").handler(ctx -> json(ctx, platform.snapshot()
        .put("faults", faults.toJson()).put("pushesDelivered", pushes.delivered())
        .put("pushAttempts", pushes.attempts()).put("pushesDroppedForBacklog", pushes.dropped())));
    router.get("/admin/calls").handler(ctx -> json(ctx, new JsonObject().put("calls", new JsonArray(platform.calls()))));
    router.delete("/admin/calls").handler(ctx -> {
      platform.clearCalls();
      ctx.response().setStatusCode(204).end();
    });
    router.post("/admin/faults").handler(ctx -> {
      faults.update(ctx.body().asJsonObject() == null ? new JsonObject() : ctx.body().asJsonObject());
      LOG.info("Faults now {}", faults.toJson());
      json(ctx, faults.toJson());
    });
    router.delete("/admin/faults").handler(ctx -> {
      faults.clear();
      json(ctx, faults.toJson());
    });
    router.post("/admin/keys/:id/rotate").handler(ctx -> {
      boolean known = platform.rotateTempKey(ctx.pathParam("id"));
      ctx.response().setStatusCode(known ? 204 : 404).end();
    });
    router.post("/admin/accounts/:id/suspend").handler(ctx ->
        ctx.response().setStatusCode(platform.suspend(ctx.pathParam("id"), true) ? 204 : 404).end());
    router.post("/admin/accounts/:id/resume").handler(ctx ->
        ctx.response().setStatusCode(platform.suspend(ctx.pathParam("id"), false) ? 204 : 404).end());
    router.post("/admin/accounts").handler(ctx -> {
      JsonObject a = ctx.body().asJsonObject();
      platform.addAccount(a.getString("accountId"), a.getString("keyPermanent"), a.getString("companyId"),
          a.getString("statusUrl"), a.getString("recordUrl"));
      ctx.response().setStatusCode(204).end();
    });
    return vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions()
            .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE)).requestHandler(router).listen(settings.port(), settings.host())
        .onSuccess(s -> server = s);
  }

  /** The tempKeyLifetimeMs fault: temp keys stop working on the platform's own schedule. */
  private void expireTempKeys() {
    long lifetime = faults.tempKeyLifetimeMs();
    if (lifetime > 0) {
      int expired = platform.expireTempKeys(Duration.ofMillis(lifetime));
      if (expired > 0) {
        LOG.info("Invalidated {} temp key(s) {} ms after issuing them (fault tempKeyLifetimeMs)", expired, lifetime);
      }
    }
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(stepTimer);
    vertx.cancelTimer(keyExpiryTimer);
    return server == null ? Future.succeededFuture() : server.close().eventually(() -> {
      web.close();
      return Future.succeededFuture();
    });
  }

  public SimulatedPlatform platform() {
    return platform;
  }

  public SimulatorFaults faults() {
    return faults;
  }

  public int actualPort() {
    return server.actualPort();
  }

  private void after(long delayMs, Runnable task) {
    if (delayMs <= 0) {
      vertx.runOnContext(v -> task.run());
    } else {
      steps.after(delayMs, task);
    }
  }

  private void call(RoutingContext ctx) {
    String call = ctx.pathParam("param0");
    Map<String, String> params = new LinkedHashMap<>();
    ctx.queryParams().forEach((k, v) -> params.putIfAbsent(k, v));
    ctx.request().formAttributes().forEach((k, v) -> params.putIfAbsent(k, v));
    SimulatorFaults.Fault fault = faults.next();
    String traceparent = ctx.request().getHeader("traceparent");
    if (fault != SimulatorFaults.Fault.NONE) {
      if (faults.actThenFail()) {
        platform.handle(call, params, traceparent); // carried out; only the answer is lost
      }
      platform.recordFault(call, params, switch (fault) {
        case TIMEOUT -> "TIMEOUT";
        case RESET -> "RESET";
        default -> "HTTP " + faults.failStatus();
      } + (faults.actThenFail() ? " after acting" : ""), traceparent);
    }
    switch (fault) {
      case HTTP_500 -> answerLater(ctx, () -> ctx.response().setStatusCode(faults.failStatus())
          .putHeader("Retry-After", faults.failStatus() == 429 ? "1" : "0").end("simulated failure"));
      case TIMEOUT -> vertx.setTimer(60_000, id -> ctx.response().reset());
      case RESET -> answerLater(ctx, () -> ctx.request().connection().close());
      case NONE -> answerLater(ctx, () -> json(ctx, platform.handle(call, params, traceparent)));
    }
  }

  private void answerLater(RoutingContext ctx, Runnable answer) {
    long latency = faults.latencyMs();
    if (latency <= 0) {
      answer.run();
    } else {
      vertx.setTimer(latency, id -> {
        if (!ctx.response().closed()) {
          answer.run();
        }
      });
    }
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("content-type", "application/json;charset=UTF-8").end(body.encode());
  }
}
