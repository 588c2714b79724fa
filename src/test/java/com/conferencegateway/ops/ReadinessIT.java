package com.conferencegateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.kafka.EmbeddedKafka;
import com.conferencegateway.kafka.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessIT {

  @Test
  void readyNamesKafkaWhileTheBrokerIsDownAndTurns200WhenItComesUpWithoutARestart(@TempDir Path dir)
      throws Exception {
    int port = KafkaBroker.freePort();
    EmbeddedKafka late = new EmbeddedKafka(dir.resolve("kafka"), "localhost", port, KafkaBroker.freePort());
    Gateway gateway = TestGateways.start(TestGateways.config(
        TestGateways.yaml("localhost:" + port, TestGateways.uniquePrefix(), null)));
    try {
      String base = "http://127.0.0.1:" + gateway.managementPort();
      assertThat(Http.get(base + "/health/live").status()).isEqualTo(200);
      Http.Answer down = Http.get(base + "/health/ready");
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().getJsonObject("checks").getJsonObject("kafka").getString("status")).isEqualTo("DOWN");
      assertThat(down.json().getJsonObject("checks").getJsonObject("kafka").getString("reason")).contains("Kafka");

      late.start();
      Http.Answer up = TestGateways.awaitReady(gateway, Duration.ofSeconds(45));
      assertThat(up.status()).as(up.body()).isEqualTo(200);
      assertThat(up.json().getString("status")).isEqualTo("UP");
    } finally {
      TestGateways.stop(gateway);
      late.stop();
    }
  }
}
