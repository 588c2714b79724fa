package com.conferencegateway.cli;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.simulator.SimulatorSettings;
import com.conferencegateway.simulator.SimulatorVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simulator}: the platform simulator alone, with the demo app and account; the account pushes
 * to {@code --push-base} (default GATEWAY_PUBLIC_URL, else http://localhost:8080). Keeps running.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Runs the platform simulator alone (the platform's seven calls, pushes, faults via /admin).")
final class SimulatorTool implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorTool.class);

  @Option(names = "--port", paramLabel = "N", description = "listen port (default simulator.port, 8090)") Integer port;

  @Option(names = "--push-base", paramLabel = "URL",
      description = "where the demo account's pushes go (default GATEWAY_PUBLIC_URL, else http://localhost:8080)")
  String pushBase;

  @Option(names = "--config", paramLabel = "FILE") Path config;

  @Override
  public Integer call() throws Exception {
    GatewayConfig c = ConfigLoader.loadForTools(config, System.getenv());
    GatewayConfig.Simulator s = c.simulator();
    String publicUrl = c.gateway().publicUrl();
    String base = pushBase != null ? pushBase
        : publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + c.gateway().httpPort() : publicUrl;
    String push = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    SimulatorSettings settings = new SimulatorSettings("0.0.0.0", port != null ? port : s.port(), s.appId(), s.appKey(),
        s.pushMaxAttempts(), s.pacingMs(), s.failChance(), s.timestampToleranceSeconds());
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    SimulatorVerticle verticle = new SimulatorVerticle(settings, platform -> platform.addAccount(s.demoAccountId(),
        s.demoAccountKey(), "demo-company", push + "/platform/status", push + "/platform/cdr"));
    try {
      vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("the simulator could not start on port " + settings.port() + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    }
    // The simulator's demo keys are logged on purpose: they are its own, the only keys ever logged.
    LOG.info("Platform simulator at http://localhost:{}/httpIntf; demo app {} (key {}), demo account {} (key {}), "
        + "pushing to {}", verticle.actualPort(), s.appId(), s.appKey(), s.demoAccountId(), s.demoAccountKey(), push);
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(vertx::close));
    return Cli.OK;
  }
}
