package com.conferencegateway;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.config.InvalidConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar conference-gateway.jar [--config FILE]} runs the gateway. Subcommands:
 * {@code simulator}, {@code command}, {@code bench} (see the README).
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  static final int EXIT_CONFIG = 2;
  static final int EXIT_START = 1;

  private Main() {}

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    if (!rest.isEmpty() && (rest.get(0).equals("--help") || rest.get(0).equals("-h"))) {
      rest.set(0, "help"); // help, never a start
    }
    String sub = rest.isEmpty() || rest.get(0).startsWith("-") ? "run" : rest.remove(0);
    int code = switch (sub) {
      case "run" -> runGateway(rest);
      case "simulator" -> com.conferencegateway.simulator.SimulatorMain.run(rest);
      case "command" -> com.conferencegateway.command.CommandCli.run(rest);
      case "bench" -> com.conferencegateway.bench.BenchMain.run(rest);
      case "watch" -> com.conferencegateway.kafka.TopicWatch.run(rest);
      case "help", "--help", "-h" -> usage(0);
      default -> {
        System.err.println("Unknown subcommand: " + sub);
        yield usage(EXIT_CONFIG);
      }
    };
    // The servers keep running on their own threads; everything else ends here.
    if (code != 0 || !("run".equals(sub) || "simulator".equals(sub))) {
      System.exit(code);
    }
  }

  static Path configFile(List<String> args) {
    int i = args.indexOf("--config");
    if (i < 0) {
      return null;
    }
    if (i + 1 >= args.size()) {
      throw new InvalidConfig("--config", "needs a file name");
    }
    return Path.of(args.get(i + 1));
  }

  private static int runGateway(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--help") || args.get(i).equals("-h")) {
        return usage(0);
      }
      if (!args.get(i).equals("--config")) {
        System.err.println("Unknown option: " + args.get(i) + " (the gateway takes only --config FILE; see --help)");
        return EXIT_CONFIG;
      }
      i++;
    }
    GatewayConfig config;
    try {
      config = ConfigLoader.load(configFile(args), System.getenv());
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

  private static int usage(int code) {
    (code == 0 ? System.out : System.err).println("""
        usage: java -jar conference-gateway.jar [--config FILE]       run the gateway
               java -jar conference-gateway.jar simulator [--port N]  run the platform simulator alone
               java -jar conference-gateway.jar command TYPE ...      send a command, print its result
               java -jar conference-gateway.jar watch TOPIC [--from-beginning]   print a topic's records
               java -jar conference-gateway.jar bench push|command    measure throughput and latency""");
    return code;
  }
}
