package com.conferencegateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.kafka.KafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ManagementIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = TestGateways.start(TestGateways.config(
        TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(), null)));
    assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    TestGateways.stop(gateway);
  }

  @Test
  void readyListsEveryCheckAsUp() throws Exception {
    Http.Answer ready = Http.get("http://127.0.0.1:" + gateway.managementPort() + "/health/ready");
    assertThat(ready.json().getJsonObject("checks").fieldNames())
        .contains("kafka", "topics", "verticles", "shutdown", "cdrDedup");
  }

  @Test
  void metricsArePrometheusTextWithPushKafkaProducerAndJvmMetrics() throws Exception {
    Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/status", "{}");
    Http.Answer metrics = Http.get("http://127.0.0.1:" + gateway.managementPort() + "/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("content-type")).startsWith("text/plain");
    assertThat(metrics.body())
        .contains("gateway_pushes_answered_total")
        .contains("kafka_producer_")
        .contains("process_cpu_usage")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void thePushPortServesNoHealthOrMetrics() throws Exception {
    assertThat(Http.get("http://127.0.0.1:" + gateway.pushPort() + "/metrics").status()).isEqualTo(404);
  }

  @Test
  void readyTurns503WhenTheGatewayIsDraining() throws Exception {
    Readiness r = new Readiness();
    r.deployed();
    assertThat(r.evaluate().toCompletionStage().toCompletableFuture().get().ready()).isTrue();
    r.draining();
    var report = r.evaluate().toCompletionStage().toCompletableFuture().get();
    assertThat(report.ready()).isFalse();
    assertThat(report.body().getJsonObject("checks").getJsonObject("shutdown").getString("reason"))
        .contains("shutting down");
  }
}
