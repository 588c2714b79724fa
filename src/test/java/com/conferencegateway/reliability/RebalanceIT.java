package com.conferencegateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.GatewayProcess;
import com.conferencegateway.TestGateways;
import com.conferencegateway.command.CommandTopics;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.simulator.SimulatorHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways in one consumer group; one (a separate process) is SIGKILLed mid-stream. The other
 * takes its partitions over: no command is lost, and a command is carried out twice only if it was
 * in flight on the killed one (at most one per key, since a key's commands run one at a time).
 */
@Tag("reliability")
class RebalanceIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final int KEYS = 10;
  private static final int COMMANDS = 200;

  @Test
  void whenOneOfTwoInstancesIsKilledTheOtherFinishesItsCommandsAndNoneIsLost(@TempDir Path dir) throws Exception {
    try (SimulatorHarness platform = new SimulatorHarness(Vertx.vertx(), null, null, 0)) {
      // 5 s of work per key. The 200 commands go out at once: both instances fetch a temp key at the same
      // moment, and neither may fail the other's calls.
      platform.verticle.faults().update(new JsonObject().put("latencyMs", 250));
      Path accounts = dir.resolve("accounts.json");
      Files.writeString(accounts, new JsonArray().add(new JsonObject().put("accountId", SimulatorHarness.ACCOUNT)
          .put("keyPermanent", SimulatorHarness.ACCOUNT_KEY)).encode());
      String prefix = TestGateways.uniquePrefix();
      // A dead member is noticed within 6 s: the environment sets it for the process, a YAML document for A.
      String group = "command:\n  groupId: %sgroup\n".formatted(prefix);
      String shared = group + "---\nkafka:\n  consumer:\n    session.timeout.ms: \"6000\"\n"
          + "    heartbeat.interval.ms: \"1000\"\n";
      Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
          "GATEWAY_SECRET_KEY", TestGateways.SECRET_KEY, "PLATFORM_BASE_URL", platform.baseUrl(),
          "PLATFORM_APP_ID", SimulatorHarness.APP, "PLATFORM_APP_KEY", SimulatorHarness.APP_KEY,
          "PLATFORM_ACCOUNTS_FILE", accounts.toString(), "KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000",
          "KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
      int bPush = KafkaBroker.freePort();
      int bManagement = KafkaBroker.freePort();
      GatewayProcess b = new GatewayProcess(dir, GatewayProcess.yaml(prefix, bPush, bManagement, group), env,
          bPush, bManagement);
      GatewayConfig configA = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), prefix, shared
          + "---\nplatform:\n  baseUrl: " + platform.baseUrl() + "\n  appId: " + SimulatorHarness.APP
          + "\n  appKey: " + SimulatorHarness.APP_KEY + "\n  accountsFile: " + accounts + "\n"));
      Gateway a = TestGateways.start(configA);
      try (CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), configA.kafka().topics().command(),
          configA.kafka().topics().commandResult())) {
        b.awaitReady(Duration.ofSeconds(60));
        assertThat(TestGateways.awaitReady(a, Duration.ofSeconds(30)).status()).isEqualTo(200);
        // Both are members of the group with partitions of their own before the commands come.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> b.log().lines().anyMatch(l -> l.contains("] assigned")));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
          String id = "rb-" + i;
          ids.add(id);
          topics.sendAsync("key-" + (i % KEYS), new JsonObject().put("commandId", id).put("type", "conference.create")
              .put("accountId", SimulatorHarness.ACCOUNT).put("caller", "13800000000")
              .put("phones", new JsonArray().add("13900000001")).put("userId", id));
        }
        topics.flush();
        // Both instances at work: some results are out, many commands still to go. Then B dies.
        assertThat(topics.until(r -> ids.contains(r.getString("commandId")), 40, Duration.ofSeconds(30)))
            .hasSizeBetween(40, COMMANDS - 20);
        String bAssigned = b.log().lines().filter(l -> l.contains("assigned")).reduce("", (x, y) -> x + y + "\n");
        System.out.println("instance B before the kill:\n" + bAssigned);
        assertThat(bAssigned).as("B owned partitions when it was killed").contains("Partitions");
        b.kill();
        List<JsonObject> results = topics.allResults(ids, Duration.ofSeconds(90));
        assertThat(results.stream().map(r -> r.getString("commandId")).collect(Collectors.toSet()))
            .as("no command lost").containsExactlyInAnyOrderElementsOf(ids);
        Map<String, Long> callsPerCommand = platform.verticle.platform().calls().stream()
            .filter(c -> c.getString("call").equals("createConference") && "0".equals(c.getString("result")))
            .collect(Collectors.groupingBy(c -> c.getJsonObject("params").getString("userId"), Collectors.counting()));
        long twice = callsPerCommand.values().stream().filter(n -> n > 1).count();
        System.out.printf("rebalance: %d commands, %d results, %d carried out twice%n", COMMANDS, results.size(), twice);
        assertThat(results).as("two replicas fetching temp keys at once do not fail each other's calls")
            .allMatch(r -> r.getString("status").equals("succeeded"));
        assertThat(callsPerCommand.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(callsPerCommand.values()).allMatch(n -> n <= 2);
        assertThat(twice).as("only what was in flight on the killed instance").isLessThanOrEqualTo(KEYS);
      } finally {
        System.out.println("instance B's log:\n" + b.log().lines()
            .filter(l -> l.contains("Partitions") || l.contains("WARN") || l.contains("ERROR")).reduce("", (x, y) -> x + y + "\n"));
        b.close();
        TestGateways.stop(a);
      }
    }
  }
}
