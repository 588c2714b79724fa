package com.conferencegateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.command.CommandTopics;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import com.conferencegateway.simulator.Refused;
import com.conferencegateway.simulator.SimulatorHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temp keys across two gateways sharing a platform (the simulator, which checks every signature)
 * and a broker: each account's key is fetched by its key owner only, a call refused for its key is
 * sent again with a newer one, and a refusal that is not about the key ends the command.
 */
class KeyOwnershipIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final String WRONG_KEY_ACCOUNT = "TEST-ACCOUNT-WRONG-KEY";

  @TempDir Path dir;
  private SimulatorHarness platform;
  private final List<Gateway> gateways = new ArrayList<>();
  private CommandTopics topics;
  private GatewayConfig config;

  @BeforeEach
  void start() throws Exception {
    platform = new SimulatorHarness(Vertx.vertx(), null, null, 0);
    platform.verticle.platform().addAccount(WRONG_KEY_ACCOUNT, "the-platforms-key", "co", null, null);
    Path accounts = dir.resolve("accounts.json");
    Files.writeString(accounts, new JsonArray()
        .add(new JsonObject().put("accountId", SimulatorHarness.ACCOUNT).put("keyPermanent", SimulatorHarness.ACCOUNT_KEY))
        .add(new JsonObject().put("accountId", WRONG_KEY_ACCOUNT).put("keyPermanent", "not-the-platforms-key"))
        .encode());
    String prefix = TestGateways.uniquePrefix();
    String shared = "command:\n  groupId: " + prefix + "group\n  backoffInitialMs: 20\n  backoffMaxMs: 200\n"
        + "platform:\n  baseUrl: " + platform.baseUrl() + "\n  appId: " + SimulatorHarness.APP
        + "\n  appKey: " + SimulatorHarness.APP_KEY + "\n  accountsFile: " + accounts + "\n  keyWaitMs: 20000\n";
    for (int i = 0; i < 2; i++) {
      config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), prefix, shared));
      gateways.add(TestGateways.start(config));
    }
    for (Gateway g : gateways) {
      assertThat(TestGateways.awaitReady(g, Duration.ofSeconds(30)).status()).isEqualTo(200);
    }
    topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
        config.kafka().topics().commandResult());
  }

  @AfterEach
  void stop() throws Exception {
    if (topics != null) {
      topics.close();
    }
    for (Gateway g : gateways) {
      TestGateways.stop(g);
    }
    platform.close();
  }

  private static JsonObject create(String id, String account) {
    return new JsonObject().put("commandId", id).put("type", "conference.create").put("accountId", account)
        .put("caller", "13800000000").put("phones", new JsonArray().add("13900000001")).put("userId", "u-1");
  }

  private List<String> creates(int n, String account) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "k-" + UUID.randomUUID();
      ids.add(id);
      topics.sendAsync("key-" + i, create(id, account));
    }
    topics.flush();
    return ids;
  }

  private long calls(String call, String account) {
    return platform.verticle.platform().calls().stream()
        .filter(c -> c.getString("call").equals(call)
            && account.equals(c.getJsonObject("params").getString("account_identify")))
        .count();
  }

  /** A counter's value summed over both gateways, for the series with {@code label} (e.g. {@code outcome="refused"}). */
  private double metric(String name, String label) throws Exception {
    double sum = 0;
    for (Gateway g : gateways) {
      sum += Http.get("http://127.0.0.1:" + g.managementPort() + "/metrics").body().lines()
          .filter(l -> l.startsWith(name + "{") && l.contains(label))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
    return sum;
  }

  @Test
  void forOneRotationUnderTwoReplicasThePlatformSeesOneGetAccountkey() throws Exception {
    List<String> warmUp = creates(20, SimulatorHarness.ACCOUNT);
    assertThat(topics.allResults(warmUp, Duration.ofSeconds(30))).hasSize(20)
        .allMatch(r -> r.getString("status").equals("succeeded"));
    assertThat(calls("getAccountkey", SimulatorHarness.ACCOUNT)).as("the first key, fetched once for both").isEqualTo(1);

    platform.verticle.platform().rotateTempKey(SimulatorHarness.ACCOUNT);
    List<String> ids = creates(100, SimulatorHarness.ACCOUNT);
    List<JsonObject> results = topics.allResults(ids, Duration.ofSeconds(30));
    assertThat(results).hasSize(100).allMatch(r -> r.getString("status").equals("succeeded"));
    assertThat(calls("getAccountkey", SimulatorHarness.ACCOUNT)).as("one more for the rotation").isEqualTo(2);
    long refused = platform.verticle.platform().calls().stream()
        .filter(c -> c.getString("call").equals("createConference") && Refused.SIGN_MISMATCH.equals(c.getString("result")))
        .count();
    assertThat(results.stream().filter(r -> r.getInteger("attempts") == 2).count())
        .as("each refused create was sent once more, and counted").isEqualTo(refused);
    assertThat(metric("gateway_platform_key_refusals_total", "outcome=\"stale_key_suspected\"")).isEqualTo(refused);
    assertThat(metric("gateway_platform_key_fetches_total", "outcome=\"fetched\"")).isEqualTo(2);
  }

  @Test
  void aRefusalOfAKeyThatArrivedAfterThePreviousRefusalIsThePlatformsAnswerNotAnotherRotation() throws Exception {
    List<String> warmUp = creates(1, SimulatorHarness.ACCOUNT);
    assertThat(topics.allResults(warmUp, Duration.ofSeconds(30))).allMatch(r -> r.getString("status").equals("succeeded"));
    platform.verticle.platform().suspend(SimulatorHarness.ACCOUNT, true);

    String id = "suspended-" + UUID.randomUUID();
    topics.send(id, create(id, SimulatorHarness.ACCOUNT));
    JsonObject result = topics.result(id);

    assertThat(result.getString("status")).isEqualTo("failed");
    assertThat(result.getJsonObject("error").getString("code")).isEqualTo("PLATFORM_RESULT");
    assertThat(result.getString("platformResult")).isEqualTo(Refused.ACCOUNT_SUSPENDED);
    assertThat(result.getInteger("attempts")).as("sent with the old key, then once with a fresh one").isEqualTo(2);
    assertThat(calls("getAccountkey", SimulatorHarness.ACCOUNT)).as("one rotation for the command, not more")
        .isEqualTo(2);
    assertThat(metric("gateway_platform_key_refusals_total", "outcome=\"after_fresh_key\"")).isEqualTo(1);
  }

  @Test
  void aKeyTheOwnerCannotGetFailsTheCommandWithKeyRefusedNamingTheAccountAndThePlatformsAnswer() throws Exception {
    String id = "wrong-key-" + UUID.randomUUID();
    topics.send(id, create(id, WRONG_KEY_ACCOUNT));
    JsonObject result = topics.result(id);

    assertThat(result.getString("status")).isEqualTo("failed");
    assertThat(result.getJsonObject("error").getString("code")).isEqualTo("KEY_REFUSED");
    assertThat(result.getJsonObject("error").getString("message")).contains(WRONG_KEY_ACCOUNT)
        .contains(Refused.SIGN_MISMATCH);
    assertThat(result.getString("platformResult")).isEqualTo(Refused.SIGN_MISMATCH);
    assertThat(calls("getAccountkey", WRONG_KEY_ACCOUNT)).as("asked once, by the owner").isEqualTo(1);
    assertThat(calls("createConference", WRONG_KEY_ACCOUNT)).as("nothing sent without a key").isZero();
    assertThat(metric("gateway_platform_key_fetches_total", "outcome=\"refused\"")).isEqualTo(1);
  }

  @Test
  void keyRequestsNameTheRefusedKeyByAFingerprintAndNeverCarryAKey() throws Exception {
    assertThat(topics.allResults(creates(5, SimulatorHarness.ACCOUNT), Duration.ofSeconds(30))).hasSize(5);
    platform.verticle.platform().rotateTempKey(SimulatorHarness.ACCOUNT);
    List<String> ids = creates(10, SimulatorHarness.ACCOUNT);
    assertThat(topics.allResults(ids, Duration.ofSeconds(30))).allMatch(r -> r.getString("status").equals("succeeded"));

    List<ConsumerRecord<String, byte[]>> requests = TopicReader.read(KAFKA.bootstrapServers(),
        config.kafka().topics().keyRequests(), 2, Duration.ofSeconds(10));
    assertThat(requests).isNotEmpty().allMatch(r -> SimulatorHarness.ACCOUNT.equals(r.key()));
    List<String> secrets = new ArrayList<>(List.of(SimulatorHarness.ACCOUNT_KEY, SimulatorHarness.APP_KEY));
    JsonArray accounts = platform.verticle.platform().snapshot().getJsonArray("accounts");
    for (int i = 0; i < accounts.size(); i++) {
      secrets.add(accounts.getJsonObject(i).getString("keyTemp"));
    }
    for (ConsumerRecord<String, byte[]> r : requests) {
      String value = new String(r.value(), StandardCharsets.UTF_8);
      for (String secret : secrets) {
        if (secret != null) {
          assertThat(value).doesNotContain(secret);
        }
      }
    }
    assertThat(requests.stream().map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))
        .filter(j -> "REFUSED".equals(j.getString("reason"))))
        .isNotEmpty().allMatch(j -> j.getString("refusedKeyFingerprint").matches("[A-Za-z0-9_-]{16}"));
  }
}
