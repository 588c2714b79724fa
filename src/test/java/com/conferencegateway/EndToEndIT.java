package com.conferencegateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.command.CommandTopics;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dev mode's whole loop in one JVM: a broker, the gateway and its embedded simulator. A create
 * command makes call states flow into conference.state, an end command makes CDRs flow into
 * conference.cdr, read back by a plain Kafka consumer as any downstream service would; the session
 * view then shows the conference ended, with every CDR billed.
 */
class EndToEndIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();

  @Test
  void aCreateCommandFillsConferenceStateAndAnEndCommandFillsConferenceCdr() throws Exception {
    GatewayConfig config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(),
        "gateway:\n  pushToken: e2e-token\n"));
    Gateway gateway = TestGateways.start(config);
    try (CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
        config.kafka().topics().commandResult())) {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      topics.send("e2e-1", new JsonObject().put("commandId", "e2e-1").put("type", "conference.create")
          .put("accountId", config.simulator().demoAccountId()).put("caller", "13800000000")
          .put("phones", new JsonArray().add("13900000001").add("13900000002")).put("userId", "demo"));
      JsonObject created = topics.result("e2e-1");
      assertThat(created.getString("status")).as(created.encode()).isEqualTo("succeeded");
      String session = created.getString("sessionId");

      List<ConsumerRecord<String, byte[]>> states = TopicReader.read(KAFKA.bootstrapServers(),
          config.kafka().topics().state(), 9, Duration.ofSeconds(30));
      assertThat(states).hasSize(9).allMatch(r -> r.key().equals(session));
      assertThat(states.stream().map(r -> json(r).getString("callee") + ":" + json(r).getString("state")).toList())
          .containsExactly("8613800000000:INVITE", "8613800000000:RINGING", "8613800000000:ANSWERED",
              "013900000001:INVITE", "013900000001:RINGING", "013900000001:ANSWERED",
              "013900000002:INVITE", "013900000002:RINGING", "013900000002:ANSWERED");

      topics.send(session, new JsonObject().put("commandId", "e2e-2").put("type", "conference.end")
          .put("sessionId", session));
      assertThat(topics.result("e2e-2").getString("status")).isEqualTo("succeeded");
      List<ConsumerRecord<String, byte[]>> cdrs = TopicReader.read(KAFKA.bootstrapServers(),
          config.kafka().topics().cdr(), 3, Duration.ofSeconds(30));
      assertThat(cdrs).hasSize(3).allMatch(r -> r.key().equals(session));
      assertThat(cdrs.stream().map(r -> json(r).getString("callee")).toList())
          .containsExactly("13800000000", "13900000001", "13900000002");
      assertThat(cdrs).allMatch(r -> Schemas.problems(Schemas.forTopic("conference.cdr"), json(r)) == null);
      assertThat(TopicReader.read(KAFKA.bootstrapServers(), config.kafka().topics().state(), 12,
          Duration.ofSeconds(10))).hasSize(12);

      // The session view folded all of it: created by the gateway, answered, ended, every CDR billed.
      long billed = cdrs.stream().mapToLong(r -> json(r).getLong("durationSeconds")).sum();
      String url = "http://127.0.0.1:" + gateway.queryPort() + "/conferences/" + session;
      JsonObject view = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100)).until(() -> {
            Http.Answer a = Http.get(url);
            return a.status() == 200 ? new JsonObject(a.body()) : null;
          }, j -> j != null && j.getInteger("cdrCount") == 3 && "ended".equals(j.getString("status")));
      assertThat(view.getString("accountId")).isEqualTo(config.simulator().demoAccountId());
      assertThat(view.getString("createdAt")).isEqualTo(created.getString("completedAt"));
      assertThat(view.getString("caller")).isEqualTo("8613800000000");
      assertThat(view.getLong("billedSeconds")).isEqualTo(billed);
      assertThat(view.getString("answeredAt")).isNotNull();
      assertThat(view.getJsonArray("legs")).hasSize(3);
      assertThat(view.getJsonArray("legs").stream().map(l -> ((JsonObject) l).getString("state")))
          .containsOnly("DISCONNECTED");
      assertThat(Schemas.problems(Schemas.forTopic("conference.sessions"), view)).isNull();
      // Every change was published once, numbered 1, 2, 3, ... with the CloudEvents id session:version.
      List<ConsumerRecord<String, byte[]>> changes = TopicReader.read(KAFKA.bootstrapServers(),
          config.kafka().topics().sessions(), view.getInteger("version"), Duration.ofSeconds(10));
      assertThat(changes.stream().map(r -> json(r).getLong("version")).toList())
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, view.getInteger("version")).boxed().toList());
      assertThat(new String(changes.get(changes.size() - 1).headers().lastHeader("ce_id").value(),
          StandardCharsets.UTF_8)).isEqualTo(session + ":" + view.getInteger("version"));
    } finally {
      TestGateways.stop(gateway);
    }
  }

  private static JsonObject json(ConsumerRecord<String, byte[]> r) {
    return new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
  }
}
