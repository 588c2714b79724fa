package com.conferencegateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.TestGateways;
import com.conferencegateway.command.CommandTopics;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker goes away while commands are in flight: when it is back, each completes, with one platform call. */
@Tag("reliability")
class BrokerOutageCommandsIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.dedicated();

  @Test
  void commandsInFlightDuringABrokerOutageCompleteOnceWhenItIsBack() throws Exception {
    GatewayConfig config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(), null));
    Gateway gateway = TestGateways.start(config);
    List<String> ids = new ArrayList<>();
    try {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      try (CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
          config.kafka().topics().commandResult())) {
        // The account's temp key comes from its key owner through Kafka: held before the outage, as in
        // steady state. (Without Kafka no replica may fetch one: it would rotate the key away from the others.)
        topics.send("warm-up", new JsonObject().put("commandId", "warm-up").put("type", "conference.create")
            .put("accountId", config.simulator().demoAccountId()).put("caller", "13800000000")
            .put("phones", new JsonArray().add("13900000001")).put("userId", "u"));
        assertThat(topics.result("warm-up").getString("status")).isEqualTo("succeeded");
        gateway.simulator().faults().update(new JsonObject().put("latencyMs", 1500));
        for (int i = 0; i < 30; i++) {
          String id = "inflight-" + i;
          ids.add(id);
          topics.send(id, new JsonObject().put("commandId", id).put("type", "conference.create")
              .put("accountId", config.simulator().demoAccountId()).put("caller", "13800000000")
              .put("phones", new JsonArray().add("13900000001")).put("userId", "u"));
        }
      }
      // All 30 consumed and waiting on the platform (1.5 s each): then Kafka goes away.
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> TestGateways.metric(gateway, "gateway_commands_inflight") >= 30);
      KAFKA.stop();
      // The platform carries every command out while Kafka is down: 30 results with nowhere to go yet.
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> gateway.simulator().platform().calls().stream()
          .filter(c -> c.getString("call").equals("createConference") && "0".equals(c.getString("result"))).count() >= 30);
      gateway.simulator().faults().clear();
      KAFKA.start();
      try (CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
          config.kafka().topics().commandResult())) {
        List<JsonObject> results = topics.allResults(ids, Duration.ofSeconds(90));
        Map<String, Long> perCommand = results.stream()
            .collect(Collectors.groupingBy(r -> r.getString("commandId"), Collectors.counting()));
        assertThat(perCommand.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(results).allMatch(r -> r.getString("status").equals("succeeded"));
      }
      long createCalls = gateway.simulator().platform().calls().stream()
          .filter(c -> c.getString("call").equals("createConference") && "0".equals(c.getString("result"))).count();
      assertThat(createCalls).as("one platform call per command, and the warm-up's").isEqualTo(31);
    } finally {
      TestGateways.stop(gateway);
    }
  }
}
