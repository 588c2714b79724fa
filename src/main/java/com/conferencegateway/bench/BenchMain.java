package com.conferencegateway.bench;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar conference-gateway.jar bench push|command [options]}: measures a running
 * gateway from outside, prints the figures and writes them as JSON with {@code --json FILE}.
 */
public final class BenchMain {
  private static final String USAGE = """
      usage: bench push    [--url http://localhost:8080] [--mix status|cdr|both] [--connections 32]
                           [--rate PUSHES_PER_S (open loop; 0 = closed loop)] [--duration 10] [--warmup 15] [--cdr-batch 5]
                           [--token T] [--app APP_ID] [--bootstrap HOST:PORT] [--metrics-url URL] [--json FILE]
             bench command [--count 10000] [--rate COMMANDS_PER_S (0 = full speed)] [--keys N] [--phones 2] [--warmup COMMANDS]
                           [--account ID] [--bootstrap HOST:PORT] [--timeout 60] [--metrics-url URL] [--json FILE]""";

  private BenchMain() {}

  public static int run(List<String> args) {
    if (args.isEmpty() || !(args.get(0).equals("push") || args.get(0).equals("command"))) {
      System.err.println(USAGE);
      return 2;
    }
    try {
      BenchOptions o = new BenchOptions(args.subList(1, args.size()));
      GatewayConfig config = ConfigLoader.loadForTools(o.has("config") ? Path.of(o.text("config", null)) : null,
          System.getenv());
      String bootstrap = config.kafka().embeddedMode()
          ? config.kafka().embedded().host() + ":" + config.kafka().embedded().port() : config.kafka().bootstrapServers();
      JsonObject report;
      try (HeapSampler heap = new HeapSampler(o.text("metrics-url", "http://localhost:8081/metrics"))) {
        report = args.get(0).equals("push")
            ? new PushBench(o, config.platform().appId() == null || config.platform().appId().isBlank()
                ? config.simulator().appId() : config.platform().appId(), bootstrap,
                config.kafka().topics().state(), config.kafka().topics().cdr()).run()
            : new CommandBench(o, bootstrap, config.kafka().topics().command(), config.kafka().topics().commandResult(),
                config.simulator().demoAccountId()).run();
        report.put("gatewayHeapMaxMiB", heap.maxMiB());
      }
      report.put("benchmark", args.get(0)).put("cores", Runtime.getRuntime().availableProcessors());
      print(report);
      if (o.has("json")) {
        Files.writeString(Path.of(o.text("json", null)), report.encodePrettily());
      }
      boolean lost = report.containsKey("readBack")
          ? report.getJsonObject("readBack").getLong("missingStatus") + report.getJsonObject("readBack").getLong("missingCdrs") > 0
          : report.getLong("missing", 0L) + report.getLong("duplicated", 0L) > 0;
      return lost ? 1 : 0;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      return 2;
    } catch (Exception e) {
      System.err.println("bench failed: " + e + " (is the gateway running, and Kafka at the --bootstrap address?)");
      return 3;
    }
  }

  private static void print(JsonObject r) {
    JsonObject l = r.getJsonObject("latencyMillis");
    System.out.printf("%n%s benchmark, %s: %,d answered in %.1f s = %,.0f/s%n", r.getString("benchmark"),
        r.getString("mode"), r.getLong("count"), r.getDouble("seconds"), r.getDouble("throughputPerSecond"));
    System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", l.getDouble("p50"),
        l.getDouble("p90"), l.getDouble("p99"), l.getDouble("p99_9"), l.getDouble("max"));
    System.out.println("outcomes: " + r.getJsonObject("outcomes").encode());
    if (r.containsKey("readBack")) {
      System.out.println("read back: " + r.getJsonObject("readBack").encode());
    } else {
      System.out.printf("results: %,d of %,d commands, %d missing, %d duplicated%n", r.getLong("withResult"),
          r.getLong("commands"), r.getLong("missing"), r.getLong("duplicated"));
    }
    System.out.printf("gateway heap max: %.0f MiB%n", r.getDouble("gatewayHeapMaxMiB"));
  }
}
