package com.conferencegateway.bench;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A benchmark run ({@code bench push|command} on the command line): measures a running gateway
 * from outside, prints the figures and writes them as JSON with {@code --json FILE}.
 */
public final class BenchMain {
  private BenchMain() {}

  /** Runs benchmark {@code kind} ("push" or "command"); exit 0, 1 when pushes or commands were lost, 2 bad options. */
  public static int run(String kind, Map<String, String> options) {
    try {
      BenchOptions o = new BenchOptions(options);
      GatewayConfig config = ConfigLoader.loadForTools(o.has("config") ? Path.of(o.text("config", null)) : null,
          System.getenv());
      String bootstrap = config.kafka().embeddedMode()
          ? config.kafka().embedded().host() + ":" + config.kafka().embedded().port() : config.kafka().bootstrapServers();
      JsonObject report;
      try (GatewaySampler heap = new GatewaySampler(o.text("metrics-url", "http://localhost:8081/metrics"))) {
        report = switch (kind) {
          case "push" -> new PushBench(o, config.platform().appId() == null || config.platform().appId().isBlank()
              ? config.simulator().appId() : config.platform().appId(), bootstrap,
              config.kafka().topics().state(), config.kafka().topics().cdr()).run();
          case "query" -> new QueryBench(o).run();
          default -> new CommandBench(o, bootstrap, config.kafka().topics().command(),
              config.kafka().topics().commandResult(), config.simulator().demoAccountId()).run();
        };
        report.put("gatewayHeapMaxMiB", heap.maxMiB());
        // CPU of the gateway's process over the measured window: the cost of each push or command.
        long from = report.getLong("windowStartNanos");
        long to = report.getLong("windowEndNanos");
        report.put("gatewayCpuMicrosPerOp", heap.cpuMicrosPerOp(from, to, report.getDouble("throughputPerSecond")));
        // Pushes only: under `bench command` the same buckets would count the simulator's pushes.
        JsonObject gatewayLatency = kind.equals("push") ? heap.latencyBetween(from, to) : null;
        if (gatewayLatency != null) {
          report.put("gatewayLatency", gatewayLatency);
        }
        if (report.containsKey("readBack")) {
          // Every accepted status push and CDR is one event for the session fold (a change or not).
          JsonObject readBack = report.getJsonObject("readBack");
          JsonObject fold = heap.foldFigures(from, to, readBack.getLong("acceptedStatus")
              + readBack.getLong("acceptedCdrs"), java.time.Duration.ofSeconds(120));
          if (fold != null) {
            report.put("sessionFold", fold);
          }
        }
        report.remove("windowStartNanos");
        report.remove("windowEndNanos");
      }
      report.put("benchmark", kind).put("cores", Runtime.getRuntime().availableProcessors());
      print(report);
      if (o.has("json")) {
        Files.writeString(Path.of(o.text("json", null)), report.encodePrettily());
      }
      boolean lost = kind.equals("query") ? report.getLong("notAnswered200") > 0 : report.containsKey("readBack")
          ? report.getJsonObject("readBack").getLong("missingStatus") + report.getJsonObject("readBack").getLong("missingCdrs") > 0
          : report.getLong("missing", 0L) + report.getLong("duplicated", 0L) > 0;
      return lost ? 1 : 0;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("bench failed: " + e + " (is the gateway running, and Kafka at the --bootstrap address?)");
      return 1;
    }
  }

  private static void print(JsonObject r) {
    JsonObject l = r.getJsonObject("latencyMillis");
    System.out.printf("%n%s benchmark, %s: %,d answered in %.1f s = %,.0f/s%n", r.getString("benchmark"),
        r.getString("mode"), r.getLong("count"), r.getDouble("seconds"), r.getDouble("throughputPerSecond"));
    System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", l.getDouble("p50"),
        l.getDouble("p90"), l.getDouble("p99"), l.getDouble("p99_9"), l.getDouble("max"));
    System.out.println("outcomes: " + r.getJsonObject("outcomes").encode());
    if (r.containsKey("notAnswered200")) {
      System.out.printf("queries not answered 200: %d (of %d sampled conferences)%n", r.getLong("notAnswered200"),
          r.getLong("sampled"));
    } else if (r.containsKey("readBack")) {
      System.out.println("read back: " + r.getJsonObject("readBack").encode());
      if (r.containsKey("sessionFold")) {
        System.out.println("session fold: " + r.getJsonObject("sessionFold").encode());
      }
    } else {
      System.out.printf("results: %,d of %,d commands, %d missing, %d duplicated%n", r.getLong("withResult"),
          r.getLong("commands"), r.getLong("missing"), r.getLong("duplicated"));
    }
    if (r.containsKey("gatewayLatency")) {
      JsonObject g = r.getJsonObject("gatewayLatency");
      StringBuilder within = new StringBuilder();
      for (var bound : g.getJsonObject("percentWithinMs")) { // up to the first bound that holds them all
        within.append(" ").append(bound.getKey()).append(" ms ").append(bound.getValue()).append("%");
        if (((Number) bound.getValue()).doubleValue() >= 100.0) {
          break;
        }
      }
      System.out.printf("gateway-side latency (headers read to answer written, its /metrics): p99 %s;%s%n",
          g.getValue("p99AtMostMs") == null ? "beyond every bucket" : "<= " + g.getValue("p99AtMostMs") + " ms", within);
    }
    System.out.printf("gateway heap max: %.0f MiB, gateway CPU %.1f us per %s%n", r.getDouble("gatewayHeapMaxMiB"),
        r.getDouble("gatewayCpuMicrosPerOp"), r.getString("benchmark"));
  }
}
