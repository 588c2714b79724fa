package com.conferencegateway;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Starts gateways for tests against a given broker, on free ports, with topics of their own. */
public final class TestGateways {
  public static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private TestGateways() {}

  /** A topic prefix unique to one test class, so classes sharing a broker never see each other's records. */
  public static String uniquePrefix() {
    return "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
  }

  /** The topics section: every topic under {@code prefix}, so tests sharing a broker never meet. */
  public static String topics(String prefix) {
    return """
          topics:
            partitions: 3
            state: %1$sconference.state
            cdr: %1$sconference.cdr
            command: %1$sconference.command
            commandResult: %1$sconference.command.result
            commandDlq: %1$sconference.command.dlq
            accounts: %1$sconference.accounts
            keyRequests: %1$sconference.accounts.key-requests
            sessions: %1$sconference.sessions
        """.formatted(prefix);
  }

  /** YAML for a gateway on {@code bootstrap} with topics under {@code prefix}; {@code extra} is merged last. */
  public static String yaml(String bootstrap, String prefix, String extra) {
    return """
        kafka:
          bootstrapServers: "%s"
          readyTimeoutMs: 1500
        %s  consumer:
            max.poll.records: "200"
        gateway:
          host: 127.0.0.1
          httpPort: %d
          managementPort: %d
          queryPort: %d
          queryAdvertisedHost: 127.0.0.1
          secretKey: "%s"
          publishTimeoutMs: 3000
          retryAfterSeconds: 1
          shutdownDrainMs: 3000
        sessions:
          applicationId: %ssessions
          stateDir: "%s"
        simulator:
          port: %d
          pacingMs: 0
        """.formatted(bootstrap, topics(prefix), KafkaBroker.freePort(), KafkaBroker.freePort(), KafkaBroker.freePort(),
        SECRET_KEY, prefix, stateDir(), KafkaBroker.freePort())
        + (extra == null ? "" : "---\n" + extra);
  }

  /** A fresh directory for one gateway's fold store (each process keeps its own, as each pod has its volume). */
  public static String stateDir() {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("gateway-sessions-");
      dir.toFile().deleteOnExit();
      return dir.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The YAML of {@link #yaml}; a second document (after ---) is merged over the first. */
  public static GatewayConfig config(String yaml) {
    return ConfigLoader.fromYaml(yaml.split("(?m)^---$"));
  }

  public static Gateway start(GatewayConfig config) throws Exception {
    return Gateway.start(config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  public static void stop(Gateway gateway) throws Exception {
    if (gateway != null) {
      gateway.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      gateway.stopEmbeddedKafka();
    }
  }

  /** Polls readiness until it is 200 (or the time is up); the last report is returned either way. */
  public static Http.Answer awaitReady(Gateway gateway, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    Http.Answer last;
    do {
      last = Http.get("http://127.0.0.1:" + gateway.managementPort() + "/health/ready");
      if (last.status() == 200) {
        return last;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return last;
  }

  /** A gauge or counter without labels from the gateway's /metrics; 0 when it is not there. */
  public static double metric(Gateway gateway, String name) throws Exception {
    return Http.get("http://127.0.0.1:" + gateway.managementPort() + "/metrics").body().lines()
        .filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(0);
  }
}
