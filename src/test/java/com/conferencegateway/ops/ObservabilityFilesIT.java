package com.conferencegateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.command.CommandTopics;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.ingress.DemoPushes;
import com.conferencegateway.kafka.KafkaBroker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard and the alert rules shipped in deploy/observability name only metrics that a running
 * gateway serves on /metrics, once it has taken pushes and carried out commands (a retry and an
 * unknown outcome among them).
 */
class ObservabilityFilesIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final Path DIR = Path.of("deploy", "observability");
  private static final Pattern METRIC = Pattern.compile("\\b((?:gateway|kafka|jvm|process|vertx)_[a-z0-9_]+)");

  private static Set<String> metricsNamedIn(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void everyMetricTheDashboardAndTheAlertRulesNameIsServed() throws Exception {
    String dashboard = Files.readString(DIR.resolve("grafana-dashboard.json"));
    String rules = Files.readString(DIR.resolve("prometheus-rules.yaml"));
    JsonObject dash = new JsonObject(dashboard);
    assertThat(dash.getJsonArray("panels")).hasSizeGreaterThanOrEqualTo(10);
    Set<String> named = new TreeSet<>(metricsNamedIn(dashboard));
    named.addAll(metricsNamedIn(rules));
    assertThat(named).contains("gateway_pushes_answered_total", "gateway_platform_breaker_open",
        "kafka_consumer_fetch_manager_records_lag_max", "gateway_ready");

    GatewayConfig config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(),
        "gateway:\n  servedAppIds: [\"" + DemoPushes.STATUS_APP + "\"]\n"));
    Gateway gateway = TestGateways.start(config);
    try (CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
        config.kafka().topics().commandResult())) {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      assertThat(Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/status", DemoPushes.STATUS).status())
          .isEqualTo(200);
      run(topics, config, "warm-up");
      gateway.simulator().faults().update(new JsonObject().put("failNext", 1).put("failStatus", 503));
      run(topics, config, "retried");
      gateway.simulator().faults().update(new JsonObject().put("failNext", 1).put("failStatus", 500));
      run(topics, config, "unknown");

      // GC pause meters appear with the first collection, which a young test JVM may not have had yet.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        System.gc();
        String metrics = Http.get("http://127.0.0.1:" + gateway.managementPort() + "/metrics").body();
        Set<String> served = metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
            .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        // A histogram is named by its _bucket/_sum/_count series; each must be there as written.
        assertThat(served).as("metrics served on /metrics").containsAll(named);
      });
    } finally {
      TestGateways.stop(gateway);
    }
  }

  private static void run(CommandTopics topics, GatewayConfig config, String id) {
    JsonObject create = new JsonObject().put("commandId", id).put("type", "conference.create")
        .put("accountId", config.simulator().demoAccountId()).put("caller", "13800000000")
        .put("phones", new JsonArray().add("13900000001")).put("userId", "u");
    topics.send(id, create);
    assertThat(topics.result(id).getString("commandId")).isEqualTo(id);
  }
}
