package com.conferencegateway;

import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.ops.GatewayMetrics;
import com.conferencegateway.ops.Readiness;
import com.conferencegateway.account.AccountsFile;
import com.conferencegateway.simulator.SimulatorVerticle;
import com.conferencegateway.support.Module;
import com.conferencegateway.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: dev mode's embedded parts first, then an ordered list of modules (management,
 * Kafka, ingress, commands, sessions), started in order and stopped in reverse. Main and the tests both use it.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final DevMode devMode;
  private final GatewayContext runtime;
  private final ManagementModule management;
  private final IngressModule ingress;
  private final SessionsModule sessions;
  private final List<Module> modules;
  private final List<Module> started = new ArrayList<>();

  private Gateway(DevMode devMode, GatewayContext runtime, Map<String, String> knownAccounts) {
    this.devMode = devMode;
    this.runtime = runtime;
    GatewayConfig.Gateway g = runtime.config().gateway();
    KafkaModule kafka = new KafkaModule(runtime);
    this.management = new ManagementModule(runtime);
    this.ingress = g.runs(GatewayConfig.Gateway.INGRESS) ? new IngressModule(runtime, kafka) : null;
    this.sessions = g.runs(GatewayConfig.Gateway.SESSIONS) ? new SessionsModule(runtime, kafka) : null;
    List<Module> list = new ArrayList<>(List.of(management, kafka));
    if (ingress != null) {
      list.add(ingress);
    }
    if (g.runs(GatewayConfig.Gateway.COMMANDS)) {
      // Registration's default push URLs name the push port: this process's, or the configured one.
      list.add(new CommandModule(runtime, kafka, knownAccounts, ingress != null ? ingress::pushPort : g::httpPort));
    }
    if (sessions != null) {
      list.add(sessions);
    }
    this.modules = List.copyOf(list);
  }

  /**
   * Starts everything. Blocks while an embedded broker starts and the accounts file is read (call it
   * from main or a test thread, never from an event loop); the rest is asynchronous.
   */
  public static Future<Gateway> start(GatewayConfig requested) {
    Map<String, String> fileAccounts = AccountsFile.read(requested.platform().accountsFile());
    DevMode devMode = DevMode.startKafka(requested);
    GatewayMetrics metrics = new GatewayMetrics();
    Tracing tracing = Tracing.fromEnvironment(System.getenv());
    VertxOptions options = new VertxOptions().setMetricsOptions(metrics.vertxMetricsOptions()).setPreferNativeTransport(true);
    io.vertx.core.VertxBuilder builder = Vertx.builder().withMetrics(metrics.vertxMetricsFactory());
    if (tracing.exporting()) {
      options.setTracingOptions(new io.vertx.core.tracing.TracingOptions());
      builder.withTracer(tracing.vertxTracerFactory());
      LOG.info("Tracing: spans exported as the OTEL_* variables say");
    }
    Vertx vertx = builder.with(options).build();
    Readiness readiness = new Readiness();
    return devMode.prepare(vertx, requested)
        .recover(e -> vertx.close().transform(ignored -> Future.failedFuture(e)))
        .compose(config -> {
          Map<String, String> known = new HashMap<>(fileAccounts);
          known.putAll(devMode.accounts());
          Gateway gateway = new Gateway(devMode,
              new GatewayContext(vertx, config, readiness, metrics, Clock.systemUTC(), tracing), known);
          return gateway.startModules().map(gateway)
              .recover(e -> gateway.stop().transform(ignored -> Future.failedFuture(e)));
        });
  }

  private Future<Void> startModules() {
    Future<Void> chain = Future.succeededFuture();
    for (Module module : modules) {
      chain = chain.compose(v -> module.start().onSuccess(ok -> started.add(module)));
    }
    return chain
        .onSuccess(v -> {
          runtime.readiness().deployed();
          LOG.info("Gateway started: roles {}; pushes on port {}, health and metrics on port {}, queries on port {}, "
                  + "platform at {}, {}", runtime.config().gateway().roles(), ingress == null ? "-" : ingress.pushPort(),
              management.port(), sessions == null ? "-" : sessions.queryPort(), runtime.config().platform().baseUrl(),
              transport());
        })
        .onFailure(e -> runtime.readiness().startupProblem(e.getMessage()));
  }

  /** Which network transport Vert.x runs on, and why not the native one where it could not load. */
  private String transport() {
    Vertx vertx = runtime.vertx();
    if (vertx.isNativeTransportEnabled()) {
      return "native transport";
    }
    Throwable cause = vertx.unavailableNativeTransportCause();
    return "NIO transport" + (cause == null ? "" : " (native unavailable: " + cause.getMessage() + ")");
  }

  /**
   * Graceful stop: ready turns 503 and new pushes are refused, then the modules stop in reverse
   * (commands finish and commit, pushes in flight are answered, the producer is flushed), then Vert.x.
   */
  public Future<Void> stop() {
    runtime.readiness().draining();
    Future<Void> chain = Future.succeededFuture();
    for (int i = started.size() - 1; i >= 0; i--) {
      Module module = started.get(i);
      chain = chain.eventually(module::stop);
    }
    return chain
        .eventually(() -> devMode.stopSimulator(runtime.vertx()))
        // The spans still buffered are sent (blocking, up to 5 s) before Vert.x goes.
        .eventually(() -> runtime.vertx().executeBlocking(() -> {
          runtime.tracing().close();
          return null;
        }))
        .eventually(() -> runtime.vertx().close())
        .eventually(() -> {
          runtime.metrics().close();
          return Future.succeededFuture();
        })
        .transform(ar -> Future.succeededFuture());
  }

  /** Stops the embedded broker, if any; blocking: call after {@link #stop()} from a non-Vert.x thread. */
  public void stopEmbeddedKafka() {
    devMode.stopKafka();
  }

  /** The effective configuration: dev mode's embedded parts filled in. */
  public GatewayConfig config() {
    return runtime.config();
  }

  /** The push port; -1 when this process does not run the ingress role. */
  public int pushPort() {
    return ingress == null ? -1 : ingress.pushPort();
  }

  /** The query port; -1 when this process does not run the sessions role. */
  public int queryPort() {
    return sessions == null ? -1 : sessions.queryPort();
  }

  public int managementPort() {
    return management.port();
  }

  public Readiness readiness() {
    return runtime.readiness();
  }

  public Vertx vertx() {
    return runtime.vertx();
  }

  public GatewayMetrics metrics() {
    return runtime.metrics();
  }

  /** The embedded simulator, in dev mode; null otherwise. */
  public SimulatorVerticle simulator() {
    return devMode.simulator();
  }
}
