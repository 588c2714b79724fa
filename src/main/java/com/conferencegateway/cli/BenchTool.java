package com.conferencegateway.cli;

import com.conferencegateway.bench.BenchMain;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench push|command}: measures a running gateway from outside; see docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Measures a running gateway: throughput, latency, what was read back, the gateway's CPU and heap.",
    subcommands = {BenchTool.Push.class, BenchTool.Commands.class, BenchTool.Query.class})
final class BenchTool {

  /** Options both benchmarks take. */
  abstract static class Common implements Callable<Integer> {
    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka, for reading back") String bootstrap;
    @Option(names = "--metrics-url", paramLabel = "URL", description = "the gateway's /metrics (default http://localhost:8081/metrics)")
    String metricsUrl;
    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON") String json;
    @Option(names = "--config", paramLabel = "FILE") String config;
    @Option(names = "--rate", paramLabel = "PER_S", description = "open loop at this rate; 0: closed loop, full speed")
    Long rate;

    abstract String kind();

    abstract void options(Map<String, String> into);

    @Override
    public Integer call() {
      Map<String, String> o = new LinkedHashMap<>();
      put(o, "bootstrap", bootstrap);
      put(o, "metrics-url", metricsUrl);
      put(o, "json", json);
      put(o, "config", config);
      put(o, "rate", rate);
      options(o);
      return BenchMain.run(kind(), o);
    }

    static void put(Map<String, String> o, String name, Object value) {
      if (value != null) {
        o.put(name, value.toString());
      }
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true, description = "status and CDR pushes over HTTP")
  static final class Push extends Common {
    @Option(names = "--url", description = "the push server (default http://localhost:8080)") String url;
    @Option(names = "--mix", paramLabel = "status|cdr|both") String mix;
    @Option(names = "--connections", paramLabel = "N") Long connections;
    @Option(names = "--duration", paramLabel = "SECONDS") Long duration;
    @Option(names = "--warmup", paramLabel = "SECONDS") Long warmup;
    @Option(names = "--ramp", paramLabel = "SECONDS",
        description = "open loop: reach the rate over this long (default: half the warm-up)") Long ramp;
    @Option(names = "--cdr-batch", paramLabel = "N") Long cdrBatch;
    @Option(names = "--token") String token;
    @Option(names = "--app", paramLabel = "APP_ID") String app;

    @Override
    String kind() {
      return "push";
    }

    @Override
    void options(Map<String, String> o) {
      put(o, "url", url);
      put(o, "mix", mix);
      put(o, "connections", connections);
      put(o, "duration", duration);
      put(o, "warmup", warmup);
      put(o, "ramp", ramp);
      put(o, "cdr-batch", cdrBatch);
      put(o, "token", token);
      put(o, "app", app);
    }
  }

  @Command(name = "command", mixinStandardHelpOptions = true, description = "conference.create commands through Kafka")
  static final class Commands extends Common {
    @Option(names = "--count", paramLabel = "N") Long count;
    @Option(names = "--keys", paramLabel = "N") Long keys;
    @Option(names = "--phones", paramLabel = "N") Long phones;
    @Option(names = "--warmup", paramLabel = "COMMANDS") Long warmup;
    @Option(names = "--account", paramLabel = "ID") String account;
    @Option(names = "--timeout", paramLabel = "SECONDS") Long timeout;

    @Override
    String kind() {
      return "command";
    }

    @Override
    void options(Map<String, String> o) {
      put(o, "count", count);
      put(o, "keys", keys);
      put(o, "phones", phones);
      put(o, "warmup", warmup);
      put(o, "account", account);
      put(o, "timeout", timeout);
    }
  }

  @Command(name = "query", mixinStandardHelpOptions = true,
      description = "GET /conferences/{sessionId} on a query port, at a fixed rate (--rate, default 1000/s)")
  static final class Query extends Common {
    @Option(names = "--url", description = "the query API (default http://localhost:8082)") String url;
    @Option(names = "--token", description = "a bearer token of GATEWAY_QUERY_TOKENS") String token;
    @Option(names = "--connections", paramLabel = "N") Long connections;
    @Option(names = "--sample", paramLabel = "N", description = "conferences to ask for, from the list (default 10000)")
    Long sample;
    @Option(names = "--duration", paramLabel = "SECONDS") Long duration;
    @Option(names = "--warmup", paramLabel = "SECONDS") Long warmup;

    @Override
    String kind() {
      return "query";
    }

    @Override
    void options(Map<String, String> o) {
      put(o, "url", url);
      put(o, "token", token);
      put(o, "connections", connections);
      put(o, "sample", sample);
      put(o, "duration", duration);
      put(o, "warmup", warmup);
    }
  }
}
