package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.command.CommandTopics;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A thousand conferences live at once in the simulator, all created through conference.command and
 * then all ended: every one of them ends up ended in the view, created by the gateway, billed exactly
 * the sum of its CDRs as read from conference.cdr.
 */
class SessionsAtScaleIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final int CONFERENCES = 1_000;

  @Test
  void aThousandConcurrentConferencesAllEndBilledTheSumOfTheirCdrs() throws Exception {
    GatewayConfig config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(),
        null));
    Gateway gateway = TestGateways.start(config);
    String management = "http://127.0.0.1:" + gateway.queryPort();
    try (CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
        config.kafka().topics().commandResult())) {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      List<String> creates = IntStream.range(0, CONFERENCES).mapToObj(i -> "scale-create-" + i).toList();
      for (int i = 0; i < CONFERENCES; i++) {
        topics.send(creates.get(i), new JsonObject().put("commandId", creates.get(i)).put("type", "conference.create")
            .put("accountId", config.simulator().demoAccountId()).put("caller", "1380000" + String.format("%04d", i))
            .put("phones", new JsonArray().add("1390000" + String.format("%04d", i)).add("1370000" + String.format("%04d", i)))
            .put("userId", "scale"));
      }
      List<JsonObject> results = topics.allResults(creates, Duration.ofSeconds(120));
      assertThat(results).allMatch(r -> "succeeded".equals(r.getString("status")));
      List<String> sessions = results.stream().map(r -> r.getString("sessionId")).distinct().toList();
      assertThat(sessions).hasSize(CONFERENCES);

      Map<String, JsonObject> live = awaitAll(management, "active", sessions, j -> true);
      assertThat(live).hasSize(CONFERENCES);

      List<String> ends = IntStream.range(0, CONFERENCES).mapToObj(i -> "scale-end-" + i).toList();
      for (int i = 0; i < CONFERENCES; i++) {
        topics.send(sessions.get(i), new JsonObject().put("commandId", ends.get(i)).put("type", "conference.end")
            .put("sessionId", sessions.get(i)));
      }
      assertThat(topics.allResults(ends, Duration.ofSeconds(120)))
          .allMatch(r -> "succeeded".equals(r.getString("status")));

      Map<String, JsonObject> ended = awaitAll(management, "ended", sessions, j -> j.getInteger("cdrCount") == 3);
      Map<String, Long> billed = TopicReader.read(KAFKA.bootstrapServers(), config.kafka().topics().cdr(),
              3 * CONFERENCES, Duration.ofSeconds(60)).stream()
          .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
          .collect(Collectors.groupingBy(c -> c.getString("sessionId"),
              Collectors.summingLong(c -> c.getLong("durationSeconds"))));
      for (String s : sessions) {
        JsonObject view = ended.get(s);
        assertThat(view.getLong("billedSeconds")).as(s).isEqualTo(billed.get(s));
        assertThat(view.getString("accountId")).isEqualTo(config.simulator().demoAccountId());
        assertThat(view.getJsonArray("legs")).hasSize(3);
      }
    } finally {
      TestGateways.stop(gateway);
    }
  }

  /** Every conference of a list, following its cursor from the first page to the last. */
  static List<JsonObject> walk(String firstPage) throws Exception {
    List<JsonObject> all = new java.util.ArrayList<>();
    String url = firstPage;
    while (url != null) {
      Http.Answer page = Http.get(url);
      if (page.status() != 200) {
        throw new AssertionError(url + " answered " + page.status() + ": " + page.body());
      }
      page.json().getJsonArray("conferences").forEach(o -> all.add((JsonObject) o));
      String next = page.json().getString("next");
      url = next == null ? null : firstPage + "&after=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
    return all;
  }

  /** Waits until every one of {@code sessions} is listed with {@code status} and passes {@code check}. */
  private static Map<String, JsonObject> awaitAll(String management, String status, List<String> sessions,
      java.util.function.Predicate<JsonObject> check) {
    java.util.concurrent.atomic.AtomicReference<Map<String, JsonObject>> found = new java.util.concurrent.atomic.AtomicReference<>();
    Awaitility.await("all " + sessions.size() + " conferences " + status).atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500)).until(() -> {
          found.set(walk(management + "/conferences?status=" + status + "&limit=1000").stream().filter(check)
              .collect(Collectors.toMap(j -> j.getString("sessionId"), Function.identity())));
          // Only a count in the failure message: a thousand conferences would bury it.
          return sessions.stream().filter(found.get()::containsKey).count();
        }, n -> n == sessions.size());
    return found.get();
  }
}
