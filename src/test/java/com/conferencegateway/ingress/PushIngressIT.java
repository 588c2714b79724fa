package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.Schemas;
import com.conferencegateway.TestGateways;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The push endpoints against a real broker, read back by a plain consumer as downstream services do. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushIngressIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final String TOKEN = "push-t0ken";
  private static GatewayConfig config;
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(), """
        gateway:
          pushToken: "%s"
          servedAppIds: ["%s", "%s"]
        """.formatted(TOKEN, DemoPushes.STATUS_APP, DemoPushes.CDR_APP)));
    gateway = TestGateways.start(config);
    assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    TestGateways.stop(gateway);
  }

  private static Http.Answer push(String endpoint, String body) throws Exception {
    return Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/" + endpoint + "?token=" + TOKEN, body);
  }

  private static List<ConsumerRecord<String, byte[]>> read(String topic, int atLeast) {
    return TopicReader.read(KAFKA.bootstrapServers(), topic, atLeast, Duration.ofSeconds(10));
  }

  private static JsonObject value(ConsumerRecord<String, byte[]> r) {
    return new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
  }

  @Test
  @Order(1)
  void theDemoStatusIsAcceptedAndReadBackAsTheContractsJsonWithCloudEventsHeaders() throws Exception {
    Instant before = Instant.now();
    Http.Answer answer = push("status", DemoPushes.STATUS);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json()).isEqualTo(new JsonObject().put("result", "0").put("describe", "success"));

    List<ConsumerRecord<String, byte[]>> records = read(config.kafka().topics().state(), 1);
    assertThat(records).hasSize(1);
    ConsumerRecord<String, byte[]> r = records.get(0);
    JsonObject v = value(r);
    assertThat(Schemas.problems(Schemas.forTopic("conference.state"), v)).isNull();
    JsonObject expected = new JsonObject("""
        {"sessionId": "60048697352637101321471681503865",
         "caller": "8617001090107", "callee": "018811033389",
         "state": "RINGING", "stateTime": "2015-05-04T14:14:20.069+08:00",
         "appId": "9216BC2CE463C6633FA0EA1EFB4E7FBF"}""");
    Instant receivedAt = Instant.parse(v.getString("receivedAt"));
    assertThat(receivedAt).isBetween(before.minusMillis(1), Instant.now());
    v.remove("receivedAt");
    assertThat(v).isEqualTo(expected);
    assertThat(r.key()).isEqualTo("60048697352637101321471681503865");
    assertThat(TopicReader.header(r, "ce_specversion")).isEqualTo("1.0");
    assertThat(TopicReader.header(r, "ce_type")).isEqualTo("conference.state");
    assertThat(TopicReader.header(r, "ce_source")).isEqualTo("/conference-gateway/platform/status");
    assertThat(TopicReader.header(r, "ce_subject")).isEqualTo("60048697352637101321471681503865");
    assertThat(TopicReader.header(r, "content-type")).isEqualTo("application/json");
    assertThat(Instant.parse(TopicReader.header(r, "ce_time"))).isEqualTo(receivedAt);
    assertThat(TopicReader.header(r, "ce_id")).isNotBlank();
  }

  @Test
  @Order(2)
  void theSameStatusTwiceCarriesTheSameCeId() throws Exception {
    assertThat(push("status", DemoPushes.STATUS).status()).isEqualTo(200);
    List<ConsumerRecord<String, byte[]>> records = read(config.kafka().topics().state(), 2);
    assertThat(records).hasSize(2);
    assertThat(TopicReader.header(records.get(1), "ce_id")).isEqualTo(TopicReader.header(records.get(0), "ce_id"));
  }

  @Test
  @Order(3)
  void theDemoCdrIsAcceptedWithDetailIdAsCeIdAndTheSameCdrAgainIs0002WithOneRecord() throws Exception {
    Http.Answer first = push("cdr", DemoPushes.CDR);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json()).isEqualTo(new JsonObject().put("code", "0000").put("desc", "success"));
    Http.Answer again = push("cdr", DemoPushes.CDR);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getString("code")).isEqualTo("0002");

    List<ConsumerRecord<String, byte[]>> records = read(config.kafka().topics().cdr(), 1);
    assertThat(records).hasSize(1);
    ConsumerRecord<String, byte[]> r = records.get(0);
    JsonObject v = value(r);
    assertThat(Schemas.problems(Schemas.forTopic("conference.cdr"), v)).isNull();
    v.remove("receivedAt");
    assertThat(v).isEqualTo(new JsonObject("""
        {"detailId": "12853", "sessionId": "77763887427535004275894234515082",
         "beginTime": "2015-06-24T14:50:42+08:00", "endTime": "2015-06-24T14:53:31+08:00",
         "durationSeconds": 169, "caller": "17001090122", "callee": "18662187762",
         "displayNumber": "17001090122", "companyId": "com-123456",
         "userId": "user-123456", "appId": "1234515A3EA0B424D387F290FA6E7898",
         "custAccount": "NC-719084", "productKey": "1234515A3EA0B424D387F290FA6E7898",
         "productCode": "NC"}"""));
    assertThat(r.key()).isEqualTo("77763887427535004275894234515082");
    assertThat(TopicReader.header(r, "ce_id")).isEqualTo("12853");
    assertThat(TopicReader.header(r, "ce_type")).isEqualTo("conference.cdr");
    assertThat(TopicReader.header(r, "ce_subject")).isEqualTo("77763887427535004275894234515082");
  }

  @Test
  @Order(4)
  void aPartlyDuplicateBatchPublishesOnlyTheNewCdrsAndAnswers0000() throws Exception {
    Http.Answer answer = push("cdr", DemoPushes.CDR.replace("\"detailId\":\"12853\"", "\"detailId\":\"12853\"")
        .replace("]\n}", ",{\"detailId\":\"12854\",\"session_id\":\"77763887427535004275894234515082\","
            + "\"beginTime\":\"20150624145042\",\"endTime\":\"20150624145331\",\"time\":169,"
            + "\"caller\":\"17001090122\",\"callee\":\"18662187763\","
            + "\"app_identify\":\"1234515A3EA0B424D387F290FA6E7898\"}]\n}"));
    assertThat(answer.json().getString("code")).as(answer.body()).isEqualTo("0000");
    List<ConsumerRecord<String, byte[]>> records = read(config.kafka().topics().cdr(), 2);
    assertThat(records).extracting(r -> TopicReader.header(r, "ce_id")).containsExactly("12853", "12854");
  }

  @Test
  @Order(5)
  void everyRefusalOfTheAnswerTableHasItsStatusAndCodeAndPublishesNothing() throws Exception {
    int statesBefore = read(config.kafka().topics().state(), 0).size();
    int cdrsBefore = read(config.kafka().topics().cdr(), 0).size();
    String base = "http://127.0.0.1:" + gateway.pushPort() + "/platform/";

    record Row(String endpoint, Http.Answer answer, int status, String code) {}
    List<Row> rows = List.of(
        new Row("status", push("status", "{not json"), 400, "0001"),
        new Row("cdr", push("cdr", "{not json"), 400, "0001"),
        new Row("status", push("status", DemoPushes.STATUS.replace("RINGING", "SINGING")), 400, "0005"),
        new Row("cdr", push("cdr", DemoPushes.CDR.replace("\"169\"", "\"long\"")), 400, "0005"),
        new Row("status", push("status", DemoPushes.STATUS.replace(DemoPushes.STATUS_APP, "OTHER")), 403, "0003"),
        new Row("cdr", push("cdr", DemoPushes.CDR.replace("\"app_identify\":\"" + DemoPushes.CDR_APP, "\"app_identify\":\"OTHER")), 403, "0003"),
        new Row("status", Http.post(base + "status", DemoPushes.STATUS), 401, "0010"),
        new Row("cdr", Http.post(base + "cdr?token=wrong", DemoPushes.cdrBatch("s", "new-1")), 401, "0010"),
        new Row("cdr", push("cdr", "{\"data\":[" + "x".repeat(1_100_000) + "]}"), 413, "0001"));
    for (Row row : rows) {
      assertThat(row.answer().status()).as(row.answer().body()).isEqualTo(row.status());
      JsonObject body = row.answer().json();
      if (row.endpoint().equals("status")) {
        assertThat(body.getString("result")).isEqualTo(row.code());
        assertThat(body.getString("describe")).isNotBlank();
      } else {
        assertThat(body.getString("code")).isEqualTo(row.code());
        assertThat(body.getString("desc")).isNotBlank();
      }
    }
    assertThat(read(config.kafka().topics().state(), 0)).hasSize(statesBefore);
    assertThat(read(config.kafka().topics().cdr(), 0)).hasSize(cdrsBefore);
  }

  @Test
  @Order(7)
  void aW3cTraceparentOfAPushIsCarriedIntoItsKafkaRecord() throws Exception {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + gateway.pushPort() + "/platform/cdr?token=" + TOKEN))
        .header("traceparent", traceparent)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(DemoPushes.cdrBatch("traced", "traced-1"))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    List<ConsumerRecord<String, byte[]>> records = read(config.kafka().topics().cdr(), 3);
    ConsumerRecord<String, byte[]> traced = records.stream()
        .filter(r -> "traced-1".equals(TopicReader.header(r, "ce_id"))).findFirst().orElseThrow();
    assertThat(TopicReader.header(traced, "traceparent")).isEqualTo(traceparent);
  }

  @Test
  @Order(6)
  void aRestartedGatewayStillKnowsTheCdrsItAccepted() throws Exception {
    TestGateways.stop(gateway);
    gateway = TestGateways.start(config);
    assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
    Http.Answer again = push("cdr", DemoPushes.CDR);
    assertThat(again.json().getString("code")).isEqualTo("0002");
    assertThat(read(config.kafka().topics().cdr(), 2)).hasSize(2);
  }
}
