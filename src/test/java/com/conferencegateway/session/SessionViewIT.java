package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.Schemas;
import com.conferencegateway.TestGateways;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.ingress.DemoPushes;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session view against a real broker: pushes in, the fold's records read back from
 * conference.sessions, and the query endpoint of one replica, of a restarted one and of two at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionViewIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final String TOKEN = "view-t0ken";
  private static final String PREFIX = TestGateways.uniquePrefix();
  private static final String EXTRA = """
      gateway:
        pushToken: "%s"
        servedAppIds: ["%s", "%s"]
      """.formatted(TOKEN, DemoPushes.STATUS_APP, DemoPushes.CDR_APP);
  private static GatewayConfig config;
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), PREFIX, EXTRA));
    gateway = TestGateways.start(config);
    Http.Answer ready = TestGateways.awaitReady(gateway, Duration.ofSeconds(30));
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    TestGateways.stop(gateway);
  }

  @Test
  @Order(1)
  void theLifeOfAConferenceIsOneRecordPerChangeNumberedFromOne() throws Exception {
    String s = "10000000000000000000000000000001";
    pushState(gateway, s, "013900000000", "RINGING", "20261129180000000");
    pushState(gateway, s, "013900000000", "ANSWERED", "20261129180005000");
    assertThat(push(gateway, "cdr", DemoPushes.cdrBatch(s, "life-1")).body()).contains("0000");
    pushState(gateway, s, "013900000000", "DISCONNECTED", "20261129180135000");

    JsonObject view = awaitSession(gateway, s, j -> j.getLong("version") == 4);
    assertThat(view.getString("status")).isEqualTo("ended");
    assertThat(view.getString("answeredAt")).isEqualTo("2026-11-29T18:00:05.000+08:00");
    assertThat(view.getString("endedAt")).isEqualTo("2026-11-29T18:01:35.000+08:00");
    assertThat(view.getInteger("cdrCount")).isEqualTo(1);
    assertThat(view.getLong("billedSeconds")).isEqualTo(90);
    assertThat(view.getString("appId")).isEqualTo(DemoPushes.STATUS_APP);
    assertThat(view.containsKey("accountId")).as("not created by the gateway").isFalse();
    assertThat(Schemas.problems(Schemas.forTopic("conference.sessions"), view)).isNull();

    List<ConsumerRecord<String, byte[]>> records = sessionRecords(s, 4);
    assertThat(records.stream().map(r -> value(r).getLong("version")).toList())
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(records.stream().map(r -> value(r).getString("status")).toList())
        .containsExactly("ringing", "active", "active", "ended");
    ConsumerRecord<String, byte[]> last = records.get(3);
    assertThat(header(last, "ce_id")).isEqualTo(s + ":4");
    assertThat(header(last, "ce_type")).isEqualTo("conference.session");
    assertThat(header(last, "ce_subject")).isEqualTo(s);
    assertThat(header(last, "ce_specversion")).isEqualTo("1.0");
    assertThat(header(last, "content-type")).isEqualTo("application/json");
    assertThat(value(last)).isEqualTo(view);

    JsonObject ended = Http.get(queries(gateway) + "/conferences?status=ended").json();
    assertThat(ended.getJsonArray("conferences").stream().map(o -> ((JsonObject) o).getString("sessionId")))
        .contains(s);
    assertThat(Http.get(queries(gateway) + "/conferences?status=active").json().getJsonArray("conferences")
        .stream().map(o -> ((JsonObject) o).getString("sessionId"))).doesNotContain(s);
  }

  @Test
  @Order(2)
  void repeatedAndLateStatesAndARepeatedCdrChangeNothing() throws Exception {
    String s = "10000000000000000000000000000002";
    pushState(gateway, s, "013900000000", "ANSWERED", "20261129180005000");
    pushState(gateway, s, "013900000000", "DISCONNECTED", "20261129180135000");
    assertThat(push(gateway, "cdr", DemoPushes.cdrBatch(s, "late-1")).body()).contains("0000");
    awaitSession(gateway, s, j -> j.getLong("version") == 3);

    pushState(gateway, s, "013900000000", "ANSWERED", "20261129180005000");
    pushState(gateway, s, "013900000000", "RINGING", "20261129180000000");
    pushState(gateway, s, "013900000000", "DISCONNECTED", "20261129180135000");
    assertThat(push(gateway, "cdr", DemoPushes.cdrBatch(s, "late-1")).body()).contains("0002");
    // A change after them, on the same partition: once it shows, the ones before it were folded.
    pushState(gateway, s, "013900000001", "RINGING", "20261129180200000");

    JsonObject view = awaitSession(gateway, s, j -> j.getLong("version") == 4);
    assertThat(view.getJsonArray("legs").getJsonObject(0).getString("state")).isEqualTo("DISCONNECTED");
    assertThat(view.getString("status")).as("a new leg rings again").isEqualTo("active");
    assertThat(view.getLong("billedSeconds")).isEqualTo(90);
    assertThat(sessionRecords(s, 4)).hasSize(4);
  }

  @Test
  @Order(3)
  void queriesSayWhatIsWrong() throws Exception {
    Http.Answer unknown = Http.get(queries(gateway) + "/conferences/99999999999999999999999999999999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getJsonObject("error").getString("code")).isEqualTo("NOT_FOUND");
    Http.Answer badStatus = Http.get(queries(gateway) + "/conferences?status=finished");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.json().getJsonObject("error").getString("message")).contains("ringing, active or ended");
    assertThat(Http.get(queries(gateway) + "/conferences?limit=0").status()).isEqualTo(400);
    assertThat(Http.get(queries(gateway) + "/conferences?limit=1").json().getJsonArray("conferences")).hasSize(1);
  }

  @Test
  @Order(4)
  void aRestartedGatewayRebuildsTheViewAndItsVersionsContinue() throws Exception {
    String s = "10000000000000000000000000000001";
    TestGateways.stop(gateway);
    gateway = TestGateways.start(config);
    Http.Answer ready = TestGateways.awaitReady(gateway, Duration.ofSeconds(30));
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(Http.get(queries(gateway) + "/conferences/" + s).json().getLong("version")).isEqualTo(4);

    pushState(gateway, s, "013900000009", "RINGING", "20261129180300000");
    JsonObject view = awaitSession(gateway, s, j -> j.getLong("version") == 5);
    assertThat(view.getJsonArray("legs")).hasSize(2);
    assertThat(view.getInteger("cdrCount")).as("the restored store still knows the CDR").isEqualTo(1);
    assertThat(sessionRecords(s, 5).stream().map(r -> value(r).getLong("version")).toList())
        .isEqualTo(LongStream.rangeClosed(1, 5).boxed().toList());
  }

  @Test
  @Order(5)
  void twoReplicasBothAnswerForEveryConference() throws Exception {
    GatewayConfig second = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), PREFIX, EXTRA));
    Gateway replica = TestGateways.start(second);
    try {
      Http.Answer ready = TestGateways.awaitReady(replica, Duration.ofSeconds(30));
      assertThat(ready.status()).as(ready.body()).isEqualTo(200);
      String s = "10000000000000000000000000000003";
      pushState(replica, s, "013900000000", "RINGING", "20261129180000000");
      pushState(gateway, s, "013900000000", "ANSWERED", "20261129180005000");
      JsonObject onReplica = awaitSession(replica, s, j -> j.getLong("version") == 2);
      JsonObject onFirst = awaitSession(gateway, s, j -> j.getLong("version") == 2);
      assertThat(onReplica).isEqualTo(onFirst);
      assertThat(onReplica.getString("status")).isEqualTo("active");
      // And what either folded before the other started.
      assertThat(Http.get(queries(replica) + "/conferences/10000000000000000000000000000001").json()
          .getLong("version")).isEqualTo(5);
    } finally {
      TestGateways.stop(replica);
    }
  }

  private static JsonObject awaitSession(Gateway g, String sessionId, Predicate<JsonObject> until) {
    String url = queries(g) + "/conferences/" + sessionId;
    return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          Http.Answer a = Http.get(url);
          return a.status() == 200 ? a.json() : null;
        }, j -> j != null && until.test(j));
  }

  /** The records of one session in conference.sessions, read committed as consumers should. */
  private static List<ConsumerRecord<String, byte[]>> sessionRecords(String sessionId, int atLeast) {
    return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> TopicReader.read(KAFKA.bootstrapServers(),
            config.kafka().topics().sessions(), Integer.MAX_VALUE, Duration.ofSeconds(1)).stream()
        .filter(r -> r.key().equals(sessionId)).toList(), l -> l.size() >= atLeast);
  }

  private static void pushState(Gateway g, String session, String callee, String state, String time) throws Exception {
    assertThat(push(g, "status", DemoPushes.status(session, callee, state, time)).body()).contains("\"result\":\"0\"");
  }

  private static Http.Answer push(Gateway g, String endpoint, String body) throws Exception {
    return Http.post("http://127.0.0.1:" + g.pushPort() + "/platform/" + endpoint + "?token=" + TOKEN, body);
  }

  private static String queries(Gateway g) {
    return "http://127.0.0.1:" + g.queryPort();
  }

  private static JsonObject value(ConsumerRecord<String, byte[]> r) {
    return new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
