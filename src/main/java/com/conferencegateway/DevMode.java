package com.conferencegateway;

import com.conferencegateway.command.PushUrls;
import com.conferencegateway.config.DevSecretKey;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.EmbeddedKafka;
import com.conferencegateway.simulator.SimulatorSettings;
import com.conferencegateway.simulator.SimulatorVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * What dev mode runs inside the process before anything else starts: the embedded Kafka broker when
 * KAFKA_BOOTSTRAP_SERVERS is unset, the platform simulator when PLATFORM_BASE_URL is unset, and the
 * effective configuration that points at them. The configuration is final once prepared.
 */
final class DevMode {
  private final EmbeddedKafka kafka;
  private SimulatorVerticle simulator;
  private String simulatorDeployment;
  private Map<String, String> accounts = Map.of();

  private DevMode(EmbeddedKafka kafka) {
    this.kafka = kafka;
  }

  /** Starts the embedded broker when one is needed. Blocking: call it from main or a test, never an event loop. */
  static DevMode startKafka(GatewayConfig requested) {
    if (!requested.kafka().embeddedMode()) {
      return new DevMode(null);
    }
    GatewayConfig.Embedded e = requested.kafka().embedded();
    EmbeddedKafka kafka = new EmbeddedKafka(Path.of(e.dataDir()), e.host(), e.port(), e.controllerPort()).start();
    DevModeBanner.kafka(kafka);
    return new DevMode(kafka);
  }

  /** The configuration every module starts with: the embedded parts filled in, nothing left to rewrite later. */
  Future<GatewayConfig> prepare(Vertx vertx, GatewayConfig requested) {
    GatewayConfig config = requested;
    if (kafka != null) {
      config = config.withKafka(config.kafka().withBootstrapServers(kafka.bootstrapServers()));
      if (config.gateway().secretKey() == null || config.gateway().secretKey().isBlank()) {
        config = config.withGateway(config.gateway().withSecretKey(
            DevSecretKey.loadOrCreate(Path.of(requested.kafka().embedded().dataDir()))));
      }
    }
    if (!config.platform().embeddedMode()) {
      return Future.succeededFuture(config);
    }
    // The simulator registers its demo account with the push URLs, so the push port must be known now.
    if (config.gateway().httpPort() == 0) {
      config = config.withGateway(config.gateway().withHttpPort(freePort()));
    }
    return startSimulator(vertx, config);
  }

  private Future<GatewayConfig> startSimulator(Vertx vertx, GatewayConfig config) {
    GatewayConfig.Simulator app = simulatorApp(config);
    GatewayConfig.Gateway g = config.gateway();
    PushUrls urls = PushUrls.of(g.publicUrl(), g.httpPort(), g.tokenRequired() ? g.pushToken() : null);
    GatewayConfig.Simulator s = config.simulator();
    simulator = new SimulatorVerticle(SimulatorSettings.from(app, "127.0.0.1"), platform ->
        platform.addAccount(s.demoAccountId(), s.demoAccountKey(), "demo-company", urls.statusUrl(), urls.recordUrl()));
    accounts = Map.of(s.demoAccountId(), s.demoAccountKey());
    return vertx.deployVerticle(simulator).map(id -> {
      simulatorDeployment = id;
      String baseUrl = "http://127.0.0.1:" + simulator.actualPort() + "/httpIntf";
      DevModeBanner.simulator(baseUrl, app, app.appKey().equals(s.appKey()));
      return config.withPlatform(config.platform().with(baseUrl, app.appId(), app.appKey()));
    });
  }

  /**
   * The embedded simulator's app: PLATFORM_APP_ID/PLATFORM_APP_KEY when they are set (the contract
   * makes the demo app only their default), else the demo app.
   */
  private static GatewayConfig.Simulator simulatorApp(GatewayConfig config) {
    GatewayConfig.Simulator s = config.simulator();
    GatewayConfig.Platform p = config.platform();
    String id = p.appId() == null || p.appId().isBlank() ? s.appId() : p.appId();
    String key = p.appKey() == null || p.appKey().isBlank() ? s.appKey() : p.appKey();
    return new GatewayConfig.Simulator(s.port(), id, key, s.demoAccountId(), s.demoAccountKey(), s.pushMaxAttempts(),
        s.pacingMs(), s.failChance(), s.timestampToleranceSeconds());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port for the push server: " + e.getMessage(), e);
    }
  }

  /** Accounts whose keys dev mode knows: the simulator's demo account. */
  Map<String, String> accounts() {
    return accounts;
  }

  /** The embedded simulator, or null. */
  SimulatorVerticle simulator() {
    return simulator;
  }

  Future<Void> stopSimulator(Vertx vertx) {
    return simulatorDeployment == null ? Future.succeededFuture() : vertx.undeploy(simulatorDeployment);
  }

  /** Stops the embedded broker, if any. Blocking. */
  void stopKafka() {
    if (kafka != null) {
      kafka.stop();
    }
  }
}
