package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.kafka.KafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PLATFORM_APP_ID set without PLATFORM_BASE_URL: the embedded simulator is that app, and its pushes are served. */
class DevModeAppIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();

  @Test
  void theConfiguredAppIdIsServedAndUsedByTheEmbeddedSimulator() throws Exception {
    Gateway gateway = TestGateways.start(TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(),
        TestGateways.uniquePrefix(), "platform:\n  appId: " + DemoPushes.STATUS_APP + "\n")));
    try {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      Http.Answer answer = Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/status", DemoPushes.STATUS);
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(gateway.config().platform().appId()).isEqualTo(DemoPushes.STATUS_APP);
      Http.Answer other = Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/status",
          DemoPushes.STATUS.replace(DemoPushes.STATUS_APP, gateway.config().simulator().appId()));
      assertThat(other.status()).as("the demo app is no longer the app").isEqualTo(403);
    } finally {
      TestGateways.stop(gateway);
    }
  }
}
