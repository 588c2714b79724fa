package com.conferencegateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.GatewayProcess;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.command.CommandTopics;
import com.conferencegateway.ingress.DemoPushes;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import com.conferencegateway.simulator.SimulatorHarness;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway process exporting spans (OTEL_EXPORTER_OTLP_ENDPOINT) to a small OTLP/HTTP receiver: a
 * walkthrough of a push, a register and creates with and without a traceparent. Spans reach the
 * receiver; a command's trace id is the same on its record, its platform call and its result; and no
 * byte of what was exported holds the push token, a key, a sign, a phone number or authData.
 */
class TracingIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final String PUSH_TOKEN = "push-token-for-tracing-1234";
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

  @TempDir Path dir;

  @Test
  void spansReachTheReceiverCarryOneTraceFromRecordToResultAndNoSecret() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<byte[]> received = new CopyOnWriteArrayList<>();
    HttpServer receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (req.path().equals("/v1/traces")) {
        received.add(body.getBytes());
      }
      req.response().putHeader("content-type", "application/x-protobuf").end(Buffer.buffer());
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (SimulatorHarness platform = new SimulatorHarness(Vertx.vertx(), null, null, 0)) {
      Path accounts = dir.resolve("accounts.json");
      Files.writeString(accounts, new JsonArray().add(new JsonObject().put("accountId", SimulatorHarness.ACCOUNT)
          .put("keyPermanent", SimulatorHarness.ACCOUNT_KEY)).encode());
      String prefix = TestGateways.uniquePrefix();
      Map<String, String> env = Map.ofEntries(Map.entry("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers()),
          Map.entry("GATEWAY_SECRET_KEY", TestGateways.SECRET_KEY), Map.entry("PLATFORM_BASE_URL", platform.baseUrl()),
          Map.entry("PLATFORM_APP_ID", SimulatorHarness.APP), Map.entry("PLATFORM_APP_KEY", SimulatorHarness.APP_KEY),
          Map.entry("PLATFORM_ACCOUNTS_FILE", accounts.toString()), Map.entry("GATEWAY_PUSH_TOKEN", PUSH_TOKEN),
          Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.actualPort()),
          Map.entry("OTEL_BSP_SCHEDULE_DELAY", "200"),
          Map.entry("OTEL_SERVICE_NAME", "gateway-under-test"));
      int push = KafkaBroker.freePort();
      int management = KafkaBroker.freePort();
      String yaml = GatewayProcess.yaml(prefix, push, management, "command:\n  groupId: " + prefix + "group\n")
          .replace("gateway:\n", "gateway:\n  roles: [ingress, commands]\n");
      try (GatewayProcess gateway = new GatewayProcess(dir, yaml, env, push, management);
          CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), prefix + "conference.command",
              prefix + "conference.command.result");
          KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
              KAFKA.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
        gateway.awaitReady(Duration.ofSeconds(90));
        assertThat(gateway.log()).contains("Tracing: spans exported");

        Http.Answer pushed = Http.post("http://127.0.0.1:" + push + "/platform/status?token=" + PUSH_TOKEN,
            DemoPushes.STATUS);
        assertThat(pushed.body()).contains("\"result\":\"0\"");

        JsonObject register = new JsonObject().put("commandId", "reg-1").put("type", "account.register")
            .put("companyId", "co-tracing").put("authData", new JsonObject().put("name", "Tracing Test Company")
                .put("telephone", "17001090122").put("linker", "Qin Fuxin").put("email", "qfx@example.com"));
        topics.send("reg-1", register);
        assertThat(topics.result("reg-1").getString("status")).isEqualTo("succeeded");

        JsonObject traced = create("traced-1");
        ProducerRecord<String, byte[]> withParent = new ProducerRecord<>(prefix + "conference.command", "traced-1",
            traced.encode().getBytes(StandardCharsets.UTF_8));
        withParent.headers().add(new RecordHeader("traceparent", PARENT.getBytes(StandardCharsets.UTF_8)));
        producer.send(withParent).get();
        topics.send("untraced-1", create("untraced-1"));
        assertThat(topics.result("traced-1").getString("status")).isEqualTo("succeeded");
        assertThat(topics.result("untraced-1").getString("status")).isEqualTo("succeeded");

        // The record's trace, on its platform call and on its result; a new one for the command without one.
        Map<String, String> callTraces = new java.util.HashMap<>();
        platform.verticle.platform().calls().stream().filter(c -> c.getString("call").equals("createConference"))
            .forEach(c -> callTraces.put(c.getJsonObject("params").getString("userId"), c.getString("traceparent")));
        Map<String, String> resultTraces = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.read(KAFKA.bootstrapServers(),
            prefix + "conference.command.result", 3, Duration.ofSeconds(10))) {
          resultTraces.put(r.key(), TopicReader.header(r, "traceparent"));
        }
        assertThat(Traceparent.traceId(callTraces.get("traced-1"))).isEqualTo(TRACE);
        assertThat(Traceparent.traceId(resultTraces.get("traced-1"))).isEqualTo(TRACE);
        assertThat(Traceparent.valid(resultTraces.get("untraced-1"))).isTrue();
        assertThat(Traceparent.traceId(callTraces.get("untraced-1")))
            .isEqualTo(Traceparent.traceId(resultTraces.get("untraced-1"))).isNotEqualTo(TRACE);

        // The spans reach the receiver, the traced command's trace among them (trace ids travel as 16 raw bytes).
        byte[] traceBytes = HexFormat.of().parseHex(TRACE);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(b -> contains(b,
            traceBytes)));
        assertThat(received.stream().anyMatch(b -> contains(b, "gateway-under-test".getBytes(StandardCharsets.UTF_8))))
            .as("the service name the OTEL_* variables gave").isTrue();
        assertThat(received.stream().anyMatch(b -> contains(b, "createConference".getBytes(StandardCharsets.UTF_8))))
            .as("the platform call's span").isTrue();
        assertThat(received.stream().anyMatch(b -> contains(b, "/platform/status".getBytes(StandardCharsets.UTF_8))))
            .as("the push's span").isTrue();

        // No secret and no personal data in anything exported: every attribute of every span is in these bytes.
        List<String> secrets = new ArrayList<>(List.of(PUSH_TOKEN, SimulatorHarness.APP_KEY,
            SimulatorHarness.ACCOUNT_KEY, "13800000000", "13900000001", "17001090122", "Qin Fuxin",
            "Tracing Test Company", "qfx@example.com", "8617001090107", "018811033389", "authData"));
        JsonArray simAccounts = platform.verticle.platform().snapshot().getJsonArray("accounts");
        for (int i = 0; i < simAccounts.size(); i++) {
          JsonObject a = simAccounts.getJsonObject(i);
          for (String field : List.of("keyPermanent", "keyTemp")) {
            if (a.getString(field) != null) {
              secrets.add(a.getString(field));
            }
          }
        }
        platform.verticle.platform().calls().forEach(c -> {
          String sign = c.getJsonObject("params").getString("sign");
          if (sign != null) {
            secrets.add(sign);
          }
        });
        for (String secret : secrets) {
          byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
          assertThat(received.stream().noneMatch(b -> contains(b, bytes))).as("exported spans hold \"%s\"", secret)
              .isTrue();
        }
        assertThat(gateway.terminate(Duration.ofSeconds(30))).isZero();
      }
    } finally {
      vertx.close();
    }
  }

  private static JsonObject create(String id) {
    return new JsonObject().put("commandId", id).put("type", "conference.create")
        .put("accountId", SimulatorHarness.ACCOUNT).put("caller", "13800000000")
        .put("phones", new JsonArray().add("13900000001")).put("userId", id);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
