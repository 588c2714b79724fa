package com.conferencegateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import com.conferencegateway.simulator.SimulatedPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command type against every kind of platform failure, with the simulator's faults. A failure
 * the platform certainly did not act on (429, 502, 503) is retried for every type. One whose outcome
 * is unknown (500, 504, no answer in time, connection lost) is retried only for the types whose repeat
 * is harmless; create, register and recharge are sent exactly once, even though the simulator carried
 * them out, and end as failed with OUTCOME_UNKNOWN plus a DLQ copy.
 */
class RetrySafetyIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final List<String> TYPES = List.of("conference.create", "account.register", "account.recharge",
      "conference.add", "conference.remove", "conference.end", "account.refreshKey");
  private static final List<String> NOT_REPEATED = List.of("conference.create", "account.register", "account.recharge");
  private static GatewayConfig config;
  private static Gateway gateway;
  private static CommandTopics topics;

  /** How the simulator fails the next call, as its admin API takes it. */
  enum Fault {
    HTTP_429(new JsonObject().put("failNext", 1).put("failStatus", 429), false),
    HTTP_502(new JsonObject().put("failNext", 1).put("failStatus", 502), false),
    HTTP_503(new JsonObject().put("failNext", 1).put("failStatus", 503), false),
    HTTP_500(new JsonObject().put("failNext", 1).put("failStatus", 500), true),
    HTTP_504(new JsonObject().put("failNext", 1).put("failStatus", 504), true),
    NO_ANSWER_IN_TIME(new JsonObject().put("timeoutNext", 1), true),
    CONNECTION_LOST(new JsonObject().put("resetNext", 1), true);

    final JsonObject faults;
    final boolean outcomeUnknown;

    Fault(JsonObject faults, boolean outcomeUnknown) {
      this.faults = faults;
      this.outcomeUnknown = outcomeUnknown;
    }
  }

  static Stream<Arguments> everyTypeWithEveryFault() {
    List<Arguments> cases = new ArrayList<>();
    for (String type : TYPES) {
      for (Fault fault : Fault.values()) {
        cases.add(Arguments.of(type, fault));
      }
    }
    return cases.stream();
  }

  @BeforeAll
  static void start() throws Exception {
    // The breaker is set out of the way here: this class pins the classification; the breaker has its test below.
    config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(), """
        platform:
          requestTimeoutMs: 400
        command:
          backoffInitialMs: 20
          backoffMaxMs: 100
          revokeDrainMs: 2000
          breaker:
            failureThreshold: 1000
        """));
    gateway = TestGateways.start(config);
    assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
    topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
        config.kafka().topics().commandResult());
    // Temp keys of the app and the demo account fetched now, so a fault below hits the command's own call.
    assertThat(run(command("account.register", null)).getString("status")).isEqualTo("succeeded");
    assertThat(run(command("conference.create", null)).getString("status")).isEqualTo("succeeded");
  }

  @AfterAll
  static void stop() throws Exception {
    if (topics != null) {
      topics.close();
    }
    TestGateways.stop(gateway);
  }

  @BeforeEach
  void clearFaults() {
    gateway.simulator().faults().clear();
  }

  private static SimulatedPlatform platform() {
    return gateway.simulator().platform();
  }

  private static JsonObject run(JsonObject command) {
    topics.send(command.getString("commandId"), command);
    return topics.result(command.getString("commandId"));
  }

  private static JsonObject command(String type, String sessionId) {
    String id = "c-" + UUID.randomUUID();
    JsonObject c = new JsonObject().put("commandId", id).put("type", type);
    String account = config.simulator().demoAccountId();
    return switch (type) {
      case "conference.create" -> c.put("accountId", account).put("caller", "13800000000")
          .put("phones", new JsonArray().add("13900000001")).put("userId", "u-1");
      case "account.register" -> c.put("companyId", "co-" + id.substring(2, 10))
          .put("authData", new JsonObject().put("name", "ACME").put("telephone", "1").put("linker", "Bob"));
      case "account.recharge" -> c.put("accountId", account).put("amount", 7).put("rechargeType", "money")
          .put("unitPrice", "0.10");
      case "account.refreshKey" -> c.put("accountId", account);
      case "conference.end" -> c.put("sessionId", sessionId);
      default -> c.put("sessionId", sessionId).put("phones", new JsonArray().add("13900000001"));
    };
  }

  /** A live conference whose caller has answered, so that end, add and remove all apply to it. */
  private static String liveConference() {
    String session = run(command("conference.create", null)).getString("sessionId");
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> platform().snapshot().getJsonArray("conferences")
        .stream().map(JsonObject.class::cast).filter(c -> c.getString("sessionId").equals(session))
        .anyMatch(c -> c.getJsonObject("legs").getString("13800000000").equals("ANSWERED")));
    return session;
  }

  /** Requests of {@code call} that reached the simulator (an acted-then-failed one is logged twice, counted once). */
  private static long requests(String call) {
    return platform().calls().stream().filter(c -> c.getString("call").equals(call))
        .filter(c -> !c.getString("result").endsWith("after acting")).count();
  }

  private static long moneyOfDemoAccount() {
    return platform().snapshot().getJsonArray("accounts").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("id").equals(config.simulator().demoAccountId()))
        .findFirst().orElseThrow().getLong("balanceMoney");
  }

  @ParameterizedTest(name = "{0} after {1}")
  @MethodSource("everyTypeWithEveryFault")
  void aFailedCallIsRepeatedOnlyWhenThePlatformCertainlyDidNotActOrARepeatIsHarmless(String type, Fault fault) {
    String session = type.startsWith("conference.") && !type.equals("conference.create") ? liveConference() : null;
    JsonObject command = command(type, session);
    String call = new CommandParser().parse(command.toBuffer().getBytes()).platformCall();
    boolean notRepeated = fault.outcomeUnknown && NOT_REPEATED.contains(type);
    int conferencesBefore = platform().snapshot().getJsonArray("conferences").size();
    int accountsBefore = platform().snapshot().getJsonArray("accounts").size();
    long moneyBefore = moneyOfDemoAccount();
    platform().clearCalls();
    // Where the gateway must not repeat, the simulator carries the call out before failing: the danger is real.
    gateway.simulator().faults().update(fault.faults.copy().put("actThenFail", notRepeated));

    JsonObject result = run(command);

    if (notRepeated) {
      assertThat(result.getString("status")).as(result.encode()).isEqualTo("failed");
      assertThat(result.getJsonObject("error").getString("code")).isEqualTo("OUTCOME_UNKNOWN");
      assertThat(result.getInteger("attempts")).isEqualTo(1);
      assertThat(requests(call)).as("requests of %s", call).isEqualTo(1);
      ConsumerRecord<String, byte[]> dlq = TopicReader.read(KAFKA.bootstrapServers(),
              config.kafka().topics().commandDlq(), 1, Duration.ofSeconds(10)).stream()
          .filter(r -> r.key().equals(command.getString("commandId"))).findFirst().orElseThrow();
      assertThat(TopicReader.header(dlq, "dlq.error.code")).isEqualTo("OUTCOME_UNKNOWN");
      assertThat(new JsonObject(new String(dlq.value(), java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(command);
      // Carried out exactly once by the platform: one conference, one account, one credit.
      switch (type) {
        case "conference.create" -> assertThat(platform().snapshot().getJsonArray("conferences")).hasSize(conferencesBefore + 1);
        case "account.register" -> assertThat(platform().snapshot().getJsonArray("accounts")).hasSize(accountsBefore + 1);
        default -> assertThat(moneyOfDemoAccount()).isEqualTo(moneyBefore + 7);
      }
    } else {
      assertThat(result.getString("status")).as(result.encode()).isEqualTo("succeeded");
      assertThat(result.getInteger("attempts")).isEqualTo(2);
      assertThat(requests(call)).as("requests of %s", call).isEqualTo(2);
    }
  }

  @Test
  void theBreakerCountsUnknownOutcomesToo() throws Exception {
    GatewayConfig strict = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(),
        "command:\n  breaker:\n    failureThreshold: 2\n    openMs: 60000\n"));
    Gateway other = TestGateways.start(strict);
    try (CommandTopics otherTopics = new CommandTopics(KAFKA.bootstrapServers(), strict.kafka().topics().command(),
        strict.kafka().topics().commandResult())) {
      assertThat(TestGateways.awaitReady(other, Duration.ofSeconds(30)).status()).isEqualTo(200);
      String metrics = "http://127.0.0.1:" + other.managementPort() + "/metrics";
      JsonObject warmUp = command("conference.create", null).put("accountId", strict.simulator().demoAccountId());
      otherTopics.send(warmUp.getString("commandId"), warmUp); // the temp key is fetched before the faults start
      assertThat(otherTopics.result(warmUp.getString("commandId")).getString("status")).isEqualTo("succeeded");
      other.simulator().faults().update(new JsonObject().put("errorRate", 1.0).put("failStatus", 500));
      for (int i = 0; i < 2; i++) {
        JsonObject create = command("conference.create", null).put("accountId", strict.simulator().demoAccountId());
        otherTopics.send(create.getString("commandId"), create);
        JsonObject result = otherTopics.result(create.getString("commandId"));
        assertThat(result.getJsonObject("error").getString("code")).isEqualTo("OUTCOME_UNKNOWN");
      }
      // Two unknown outcomes in a row, none repeated: the breaker is open all the same.
      assertThat(Http.get(metrics).body()).containsPattern("(?m)^gateway_platform_breaker_open\\S* 1\\.0$");
      assertThat(Http.get(metrics).body()).containsPattern("(?m)^gateway_platform_outcome_unknown_total\\S* 2\\.0$");
    } finally {
      TestGateways.stop(other);
    }
  }
}
