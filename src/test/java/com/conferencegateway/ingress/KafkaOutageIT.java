package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.kafka.KafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Kafka gone a push is never answered "accepted"; with Kafka back it is, without a restart. */
@org.junit.jupiter.api.Tag("reliability")
class KafkaOutageIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.dedicated();

  @Test
  void aStoppedBrokerMeans503With9999AndRetryAfterThenAcceptedWhenItIsBack() throws Exception {
    Gateway gateway = TestGateways.start(TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(),
        TestGateways.uniquePrefix(), "gateway:\n  servedAppIds: [\"" + DemoPushes.STATUS_APP + "\", \""
            + DemoPushes.CDR_APP + "\"]\n")));
    try {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      String base = "http://127.0.0.1:" + gateway.pushPort() + "/platform/";
      assertThat(Http.post(base + "status", DemoPushes.STATUS).status()).isEqualTo(200);

      KAFKA.stop();
      long start = System.nanoTime();
      Http.Answer status = Http.post(base + "status", DemoPushes.status("s-out", "1", "ANSWERED", "20261129100000000"));
      Http.Answer cdr = Http.post(base + "cdr", DemoPushes.cdrBatch("s-out", "out-1"));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(status.status()).as(status.body()).isEqualTo(503);
      assertThat(status.json().getString("result")).isEqualTo("9999");
      assertThat(status.header("Retry-After")).isEqualTo("1");
      assertThat(cdr.status()).isEqualTo(503);
      assertThat(cdr.json().getString("code")).isEqualTo("9999");
      assertThat(cdr.header("Retry-After")).isNotNull();
      // Answered within the publish timeout (3 s each), not left hanging.
      assertThat(took).isLessThan(Duration.ofSeconds(15));

      KAFKA.start();
      Http.Answer after = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        after = Http.post(base + "cdr", DemoPushes.cdrBatch("s-back", "back-1"));
        if (after.status() == 200) {
          break;
        }
        assertThat(after.json().getString("code")).isEqualTo("9999");
        Thread.sleep(500);
      }
      assertThat(after.status()).as(after.body()).isEqualTo(200);
      assertThat(after.json().getString("code")).isEqualTo("0000");
    } finally {
      TestGateways.stop(gateway);
    }
  }
}
