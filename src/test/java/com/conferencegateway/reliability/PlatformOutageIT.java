package com.conferencegateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The platform fails every call for a while: commands are retried with backoff, the breaker opens
 * and consumption pauses, no offset passes an unfinished command; when the platform is back every
 * command completes, once.
 */
@Tag("reliability")
class PlatformOutageIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();

  @Test
  void duringAnOutageTheBreakerOpensOffsetsStayAndAfterItEveryCommandCompletesOnce() throws Exception {
    GatewayConfig config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(), """
        command:
          maxAttempts: 1000
          backoffInitialMs: 50
          backoffMaxMs: 300
          breaker:
            failureThreshold: 3
            openMs: 700
        """));
    Gateway gateway = TestGateways.start(config);
    try (CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
        config.kafka().topics().commandResult());
        Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      // 503 on every call: the platform is down and certainly carried nothing out, so creates wait and retry.
      gateway.simulator().faults().update(new JsonObject().put("errorRate", 1.0).put("failStatus", 503));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String id = "outage-" + i;
        ids.add(id);
        topics.send(id, new JsonObject().put("commandId", id).put("type", "conference.create")
            .put("accountId", config.simulator().demoAccountId()).put("caller", "13800000000")
            .put("phones", new JsonArray().add("13900000001")).put("userId", "u"));
      }
      // The breaker opens on the first failures; then a 3-second outage is watched as it is.
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Http.get("http://127.0.0.1:"
          + gateway.managementPort() + "/metrics").body().contains("gateway_platform_breaker_open 1.0"));
      assertThat(topics.until(r -> ids.contains(r.getString("commandId")), 1, Duration.ofSeconds(3)))
          .as("no result during 3 s of the platform down").isEmpty();
      String metrics = Http.get("http://127.0.0.1:" + gateway.managementPort() + "/metrics").body();
      assertThat(metrics).containsPattern("gateway_platform_retries_total [1-9]");
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.command().groupId())
          .partitionsToOffsetAndMetadata().get();
      assertThat(committed.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(config.kafka().topics().command()))
          .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum())
          .as("no offset passed an unfinished command").isZero();
      long callsDuringOutage = gateway.simulator().platform().calls().size();
      // Without the breaker 20 commands retrying every 50-300 ms for 3 s would make some 300 calls;
      // with it, a trial call every 700 ms after the first 3 failures.
      System.out.println("platform calls during the outage: " + callsDuringOutage);
      assertThat(callsDuringOutage).as("the breaker holds the retries back").isBetween(3L, 60L);

      gateway.simulator().faults().clear();
      List<JsonObject> results = topics.until(r -> ids.contains(r.getString("commandId")), 20, Duration.ofSeconds(60));
      assertThat(results).hasSize(20).allMatch(r -> r.getString("status").equals("succeeded"));
      assertThat(results).allMatch(r -> r.getInteger("attempts") >= 1);
      long succeededCalls = gateway.simulator().platform().calls().stream()
          .filter(c -> c.getString("call").equals("createConference") && "0".equals(c.getString("result"))).count();
      assertThat(succeededCalls).as("each command carried out once").isEqualTo(20);
      assertThat(Http.get("http://127.0.0.1:" + gateway.managementPort() + "/metrics").body())
          .contains("gateway_platform_breaker_open 0.0");
    } finally {
      TestGateways.stop(gateway);
    }
  }
}
