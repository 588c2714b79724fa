package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import io.vertx.core.json.JsonObject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pushes as the Chinese platform may send them: GBK with and without a charset named, gzip and
 * deflate; refusals for a bomb and an unknown encoding. Each accepted push is read back from Kafka as
 * the same text, each refused one publishes nothing.
 */
class PushEncodingIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final Charset GBK = Charset.forName("GBK");
  private static GatewayConfig config;
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(), """
        gateway:
          servedAppIds: ["%s", "%s"]
        """.formatted(DemoPushes.STATUS_APP, DemoPushes.CDR_APP)));
    gateway = TestGateways.start(config);
    assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    TestGateways.stop(gateway);
  }

  private static Http.Answer push(String endpoint, byte[] body, Map<String, String> headers) throws Exception {
    return Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/" + endpoint, body, headers);
  }

  /** A CDR whose user id is Chinese: it must reach Kafka as the same characters, whatever the wire charset. */
  private static String chineseCdr(String detailId) {
    return DemoPushes.CDR.replace("\"detailId\":\"12853\"", "\"detailId\":\"" + detailId + "\"")
        .replace("user-123456", "用友用户");
  }

  private static JsonObject cdrRecord(String detailId) {
    List<ConsumerRecord<String, byte[]>> records =
        TopicReader.read(KAFKA.bootstrapServers(), config.kafka().topics().cdr(), 1, Duration.ofSeconds(10));
    return records.stream().filter(r -> detailId.equals(TopicReader.header(r, "ce_id")))
        .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
  }

  @Test
  void aGbkCdrWithItsCharsetNamedIsAcceptedAndReadBackAsTheSameCharacters() throws Exception {
    Http.Answer a = push("cdr", chineseCdr("gbk-named").getBytes(GBK),
        Map.of("content-type", "application/json;charset=GBK"));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().getString("code")).isEqualTo("0000");
    assertThat(cdrRecord("gbk-named").getString("userId")).isEqualTo("用友用户");
  }

  @Test
  void aGbkCdrWithNoCharsetNamedIsReadAsGb18030() throws Exception {
    Http.Answer a = push("cdr", chineseCdr("gbk-unnamed").getBytes(GBK), Map.of("content-type", "application/json"));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(cdrRecord("gbk-unnamed").getString("userId")).isEqualTo("用友用户");
  }

  @Test
  void aGzipStatusPushIsAccepted() throws Exception {
    String session = "77700000000000000000000000000001";
    byte[] body = PushBodyTest.gzip(DemoPushes.status(session, "13900000001", "RINGING", "20261129100000000")
        .getBytes(StandardCharsets.UTF_8));
    Http.Answer a = push("status", body, Map.of("content-type", "application/json", "content-encoding", "gzip"));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().getString("result")).isEqualTo("0");
    List<ConsumerRecord<String, byte[]>> states =
        TopicReader.read(KAFKA.bootstrapServers(), config.kafka().topics().state(), 1, Duration.ofSeconds(10));
    assertThat(states).extracting(ConsumerRecord::key).contains(session);
  }

  @Test
  void aDeflateGbkCdrIsAccepted() throws Exception {
    byte[] body = PushBodyTest.deflate(chineseCdr("deflate-gbk").getBytes(GBK), true);
    Http.Answer a = push("cdr", body, Map.of("content-type", "application/json; charset=gb2312",
        "content-encoding", "deflate"));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(cdrRecord("deflate-gbk").getString("userId")).isEqualTo("用友用户");
  }

  @Test
  void aSmallGzipThatInflatesTo64MiBIs413AndAnUnknownEncodingIs415AndNeitherPublishes() throws Exception {
    // A valid batch followed by 64 MiB of spaces: valid JSON if it were ever read whole.
    byte[] json = DemoPushes.cdrBatch("bomb-session", "bomb-1").getBytes(StandardCharsets.UTF_8);
    byte[] padded = java.util.Arrays.copyOf(json, json.length + 64 * 1024 * 1024);
    java.util.Arrays.fill(padded, json.length, padded.length, (byte) ' ');
    byte[] bomb = PushBodyTest.gzip(padded);
    assertThat(bomb.length).isLessThan(100 * 1024);
    Http.Answer tooLarge = push("cdr", bomb, Map.of("content-type", "application/json", "content-encoding", "gzip"));
    assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(413);
    assertThat(tooLarge.json().getString("code")).isEqualTo("0001");

    Http.Answer unsupported = push("cdr", DemoPushes.cdrBatch("br-session", "br-1").getBytes(StandardCharsets.UTF_8),
        Map.of("content-type", "application/json", "content-encoding", "br"));
    assertThat(unsupported.status()).as(unsupported.body()).isEqualTo(415);
    assertThat(unsupported.json().getString("code")).isEqualTo("0001");
    assertThat(unsupported.json().getString("desc")).contains("br");

    Http.Answer statusUnsupported = push("status", DemoPushes.STATUS.getBytes(StandardCharsets.UTF_8),
        Map.of("content-type", "application/json", "content-encoding", "compress"));
    assertThat(statusUnsupported.status()).isEqualTo(415);
    assertThat(statusUnsupported.json().getString("result")).isEqualTo("0001");

    List<ConsumerRecord<String, byte[]>> after =
        TopicReader.read(KAFKA.bootstrapServers(), config.kafka().topics().cdr(), 0, Duration.ZERO);
    assertThat(after).extracting(r -> TopicReader.header(r, "ce_id")).doesNotContain("bomb-1", "br-1");
  }
}
