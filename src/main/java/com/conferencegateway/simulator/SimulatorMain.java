package com.conferencegateway.simulator;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.config.InvalidConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar conference-gateway.jar simulator [--port N] [--config FILE] [--push-base URL]}:
 * the platform simulator alone, with the demo app and account; the account pushes to
 * {@code --push-base} (default GATEWAY_PUBLIC_URL, else http://localhost:8080).
 */
public final class SimulatorMain {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

  private SimulatorMain() {}

  public static int run(List<String> args) {
    GatewayConfig config;
    int port;
    String pushBase;
    try {
      int c = args.indexOf("--config");
      config = ConfigLoader.loadForTools(c >= 0 && c + 1 < args.size() ? Path.of(args.get(c + 1)) : null, System.getenv());
      int p = args.indexOf("--port");
      port = p >= 0 && p + 1 < args.size() ? Integer.parseInt(args.get(p + 1)) : config.simulator().port();
      int b = args.indexOf("--push-base");
      String publicUrl = config.gateway().publicUrl();
      pushBase = b >= 0 && b + 1 < args.size() ? args.get(b + 1)
          : (publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + config.gateway().httpPort() : publicUrl);
    } catch (InvalidConfig | NumberFormatException e) {
      System.err.println("Configuration error: " + e.getMessage());
      return 2;
    }
    GatewayConfig.Simulator s = config.simulator();
    SimulatorSettings settings = new SimulatorSettings("0.0.0.0", port, s.appId(), s.appKey(), s.pushMaxAttempts(),
        s.pacingMs(), s.failChance(), s.timestampToleranceSeconds());
    Vertx vertx = Vertx.vertx();
    String base = pushBase.endsWith("/") ? pushBase.substring(0, pushBase.length() - 1) : pushBase;
    SimulatorVerticle verticle = new SimulatorVerticle(settings, platform -> platform.addAccount(s.demoAccountId(),
        s.demoAccountKey(), "demo-company", base + "/platform/status", base + "/platform/cdr"));
    try {
      vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("The simulator could not start on port " + port + ": " + e.getMessage());
      vertx.close();
      return 1;
    }
    LOG.info("Platform simulator at http://localhost:{}/httpIntf; demo app {} (key {}), demo account {} (key {}), "
        + "pushing to {}", verticle.actualPort(), s.appId(), s.appKey(), s.demoAccountId(), s.demoAccountKey(), base);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close();
    }));
    return 0;
  }
}
