package com.conferencegateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.command.CommandTopics;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.ingress.DemoPushes;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import com.conferencegateway.simulator.SimulatorHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A full scenario with known keys (register, recharge, create, rotate behind the gateway's back,
 * refresh, failures, pushes with a token), then every place the gateway writes is searched for
 * the key strings: its log lines, every topic, its metrics. Zero hits.
 */
@Tag("reliability")
class SecretsScanIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final String PUSH_TOKEN = "push-token-0123456789abcdef";

  @Test
  void noKeyAppearsInLogsResultsTopicsOrMetrics() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    logs.start();
    root.addAppender(logs);
    // The gateway's DEBUG lines too (a command's success is logged there): none may hold a key either.
    Logger gatewayLogs = (Logger) LoggerFactory.getLogger("com.conferencegateway");
    ch.qos.logback.classic.Level level = gatewayLogs.getLevel();
    gatewayLogs.setLevel(ch.qos.logback.classic.Level.DEBUG);
    List<String> secrets = new ArrayList<>(List.of(SimulatorHarness.APP_KEY, SimulatorHarness.ACCOUNT_KEY,
        TestGateways.SECRET_KEY, PUSH_TOKEN));
    try (SimulatorHarness platform = new SimulatorHarness(Vertx.vertx(), null, null, 0)) {
      GatewayConfig config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(),
          """
          platform:
            baseUrl: %s
            appId: %s
            appKey: %s
          gateway:
            pushToken: %s
            servedAppIds: ["%s"]
          command:
            backoffInitialMs: 20
            backoffMaxMs: 100
          """.formatted(platform.baseUrl(), SimulatorHarness.APP, SimulatorHarness.APP_KEY, PUSH_TOKEN,
              DemoPushes.STATUS_APP)));
      Gateway gateway = TestGateways.start(config);
      String metrics;
      try (CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
          config.kafka().topics().commandResult())) {
        assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
        JsonObject reg = send(topics, new JsonObject().put("type", "account.register").put("companyId", "c")
            .put("authData", new JsonObject().put("name", "n").put("telephone", "1").put("linker", "l")));
        String account = reg.getString("accountId");
        send(topics, new JsonObject().put("type", "account.recharge").put("accountId", account).put("amount", 5)
            .put("rechargeType", "money").put("unitPrice", "1"));
        String session = send(topics, create(account)).getString("sessionId");
        platform.verticle.platform().rotateTempKey(account);
        send(topics, create(account));
        send(topics, new JsonObject().put("type", "account.refreshKey").put("accountId", account));
        platform.verticle.faults().update(new JsonObject().put("failNext", 2));
        send(topics, new JsonObject().put("type", "conference.end").put("sessionId", session));
        send(topics, create("NO-SUCH-ACCOUNT"));
        Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/status?token=" + PUSH_TOKEN, DemoPushes.STATUS);
        Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/status?token=wrong-" + PUSH_TOKEN, DemoPushes.STATUS);

        JsonArray accounts = platform.verticle.platform().snapshot().getJsonArray("accounts");
        for (Object o : accounts) {
          JsonObject a = (JsonObject) o;
          secrets.add(a.getString("keyPermanent"));
          if (a.getString("keyTemp") != null) {
            secrets.add(a.getString("keyTemp"));
          }
        }
        metrics = Http.get("http://127.0.0.1:" + gateway.managementPort() + "/metrics").body();
      } finally {
        TestGateways.stop(gateway);
      }

      List<String> written = new ArrayList<>();
      for (ILoggingEvent e : logs.list) {
        if (e.getLoggerName().startsWith("com.conferencegateway.simulator")) {
          continue; // the platform's side of the wire, not the gateway
        }
        written.add(e.getFormattedMessage() + " " + e.getMDCPropertyMap()
            + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())));
      }
      for (String topic : config.kafka().topics().all()) {
        for (ConsumerRecord<String, byte[]> r : TopicReader.read(KAFKA.bootstrapServers(), topic, 0, Duration.ofSeconds(3))) {
          written.add(r.key() + " " + new String(r.value(), StandardCharsets.UTF_8));
          r.headers().forEach(h -> written.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
        }
      }
      written.add(metrics);
      assertThat(written).hasSizeGreaterThan(20);
      assertThat(written).as("the scan sees the gateway's logs").anyMatch(l -> l.contains("(account.register) succeeded"));
      assertThat(secrets).hasSizeGreaterThanOrEqualTo(6).doesNotContainNull();
      for (String secret : secrets) {
        assertThat(written).as("no line holds %s", secret.substring(0, 4) + "…")
            .noneMatch(line -> line.contains(secret));
      }
    } finally {
      root.detachAppender(logs);
      gatewayLogs.setLevel(level);
    }
  }

  private static int counter;

  private static JsonObject create(String account) {
    return new JsonObject().put("type", "conference.create").put("accountId", account).put("caller", "13800000000")
        .put("phones", new JsonArray().add("13900000001")).put("userId", "u");
  }

  private static JsonObject send(CommandTopics topics, JsonObject command) {
    String id = "secret-scan-" + (++counter) + "-" + System.nanoTime();
    command.put("commandId", id);
    topics.send(id, command);
    return topics.result(id);
  }
}
