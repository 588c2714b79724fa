package com.conferencegateway;

import com.conferencegateway.cli.Cli;
import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.config.InvalidConfig;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import sun.misc.Signal;

/**
 * {@code java -jar conference-gateway.jar [--config FILE]} runs the gateway; the subcommands
 * ({@code command}, {@code watch}, {@code bench}, {@code simulator}, {@code broker}) and the rules of the command
 * line are in {@link Cli}.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  static final int EXIT_CONFIG = 2;
  static final int EXIT_START = 1;
  private static final Set<String> SERVING_TOOLS = Set.of("simulator", "broker");

  private Main() {}

  public static void main(String[] args) {
    CommandLine commandLine = Cli.commandLine(Main::runGateway);
    int code = commandLine.execute(args);
    // The gateway, the simulator and the broker keep serving on their own threads; every other command ends here.
    CommandLine.ParseResult parsed = commandLine.getParseResult();
    boolean serving = parsed != null && !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()
        && (!parsed.hasSubcommand() || SERVING_TOOLS.contains(parsed.subcommand().commandSpec().name()));
    if (code != 0 || !serving) {
      System.exit(code);
    }
  }

  private static int runGateway(Path configFile) {
    GatewayConfig config;
    try {
      config = ConfigLoader.load(configFile, System.getenv());
    } catch (InvalidConfig e) {
      System.err.println("Configuration error: " + e.getMessage());
      return EXIT_CONFIG;
    }
    Gateway gateway;
    try {
      gateway = Gateway.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println("The gateway could not start: " + cause.getMessage());
      LOG.debug("Start failed", cause);
      return EXIT_START;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable shutdown = () -> {
      LOG.info("Stopping: refusing new pushes, finishing work in flight");
      gateway.stop().onComplete(ar -> stopped.countDown());
    };
    // Handling the signals ourselves (not a shutdown hook) lets the process exit 0 after a clean stop.
    Signal.handle(new Signal("TERM"), s -> new Thread(() -> stopAndExit(shutdown, stopped, gateway)).start());
    Signal.handle(new Signal("INT"), s -> new Thread(() -> stopAndExit(shutdown, stopped, gateway)).start());
    return 0;
  }

  private static void stopAndExit(Runnable shutdown, CountDownLatch stopped, Gateway gateway) {
    int code = 0;
    try {
      shutdown.run();
      long limit = gateway.config().gateway().shutdownDrainMs() + 5_000;
      if (!stopped.await(limit, TimeUnit.MILLISECONDS)) {
        LOG.warn("Stop took longer than {} ms; exiting anyway", limit);
      }
      gateway.stopEmbeddedKafka();
      LOG.info("Stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      // Whatever broke the stop, the process must still end: the orchestrator is waiting for it.
      LOG.error("Stopping failed; exiting anyway", e);
      code = 1;
    } finally {
      System.exit(code);
    }
  }
}
