package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fold reads its inputs co-partitioned: when their partition counts differ it does not start, and says why. */
class SessionFoldPreconditionIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();

  @Test
  void inputsWithDifferentPartitionCountsKeepTheGatewayUnreadyNamingThem() throws Exception {
    String prefix = TestGateways.uniquePrefix();
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(prefix + "conference.state", 2, (short) 1))).all().get();
    }
    GatewayConfig config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), prefix, null));
    Gateway gateway = TestGateways.start(config);
    try {
      String url = "http://127.0.0.1:" + gateway.managementPort() + "/health/ready";
      Http.Answer ready = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          // The fold's check names the topics at once; the commands come up on their own, whatever the fold says.
          .until(() -> Http.get(url), a -> a.body().contains("partitions")
              && "UP".equals(a.json().getJsonObject("checks").getJsonObject("commands").getString("status")));
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().getJsonObject("checks").getJsonObject("sessions").getString("reason"))
          .contains(prefix + "conference.state", "as many partitions", "[2, 3, 3]");
      assertThat(ready.json().getJsonObject("checks").getJsonObject("commands").getString("status")).isEqualTo("UP");
    } finally {
      TestGateways.stop(gateway);
    }
  }
}
