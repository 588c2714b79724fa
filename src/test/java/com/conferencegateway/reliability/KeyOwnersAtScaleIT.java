package com.conferencegateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.GatewayProcess;
import com.conferencegateway.TestGateways;
import com.conferencegateway.command.CommandTopics;
import com.conferencegateway.kafka.KafkaBroker;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three gateway processes start together against an empty {@code conference.accounts}; 3,000 creates
 * over 20 accounts flow through them while the platform expires every temp key 3 s after issuing it,
 * one process is SIGTERMed and another started. Each account's temp key is fetched by its key owner
 * only: no create fails for its key, none is carried out twice, and the platform sees no more
 * getAccountkey calls per account than the keys it invalidated plus one per owner change.
 */
@Tag("reliability")
class KeyOwnersAtScaleIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final int ACCOUNTS = 20;
  private static final int CREATES = 3000;
  private static final int PER_SECOND = 150;
  private static final int KEY_REQUEST_PARTITIONS = 6;
  private static final long KEY_LIFETIME_MS = 3000;

  @TempDir Path dir;

  private static String account(int i) {
    return String.format("SCALE-ACC-%02d", i);
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void threeProcessesRotatingKeysAndChangingOwnersFailNoCreateAndFetchEachKeyOnce() throws Exception {
    try (SimulatorHarness platform = new SimulatorHarness(Vertx.vertx(), null, null, 0)) {
      JsonArray accounts = new JsonArray();
      for (int i = 0; i < ACCOUNTS; i++) {
        platform.verticle.platform().addAccount(account(i), "permanent-" + i, "co-" + i, null, null);
        accounts.add(new JsonObject().put("accountId", account(i)).put("keyPermanent", "permanent-" + i));
      }
      Path accountsFile = dir.resolve("accounts.json");
      Files.writeString(accountsFile, accounts.encode());
      platform.verticle.faults().update(new JsonObject().put("latencyMs", 20).put("tempKeyLifetimeMs", KEY_LIFETIME_MS));
      String prefix = TestGateways.uniquePrefix();
      Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
          "GATEWAY_SECRET_KEY", TestGateways.SECRET_KEY, "PLATFORM_BASE_URL", platform.baseUrl(),
          "PLATFORM_APP_ID", SimulatorHarness.APP, "PLATFORM_APP_KEY", SimulatorHarness.APP_KEY,
          "PLATFORM_ACCOUNTS_FILE", accountsFile.toString(),
          "KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000", "KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
      List<GatewayProcess> processes = new ArrayList<>();
      try (CommandTopics topics = new CommandTopics(KAFKA.bootstrapServers(), prefix + "conference.command",
          prefix + "conference.command.result")) {
        for (int i = 0; i < 3; i++) {
          processes.add(start(prefix, env));
        }
        for (GatewayProcess p : processes) {
          p.awaitReady(Duration.ofSeconds(90));
        }
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<List<String>> sending = CompletableFuture.supplyAsync(() -> send(topics, sent));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= CREATES * 3 / 10);
        assertThat(processes.get(0).terminate(Duration.ofSeconds(30))).as("SIGTERM exits 0").isZero();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= CREATES / 2);
        GatewayProcess late = start(prefix, env);
        processes.add(late);
        late.awaitReady(Duration.ofSeconds(90));
        List<String> ids = sending.get(120, TimeUnit.SECONDS);

        List<JsonObject> results = topics.allResults(ids, Duration.ofSeconds(120));
        Map<String, JsonObject> byCommand = results.stream()
            .collect(Collectors.toMap(r -> r.getString("commandId"), r -> r, (x, y) -> x));
        assertThat(byCommand.keySet()).as("every create has a result").containsExactlyInAnyOrderElementsOf(ids);
        List<String> failed = byCommand.values().stream().filter(r -> !"succeeded".equals(r.getString("status")))
            .map(r -> r.getString("commandId") + ": " + r.getValue("error")).toList();
        if (!failed.isEmpty()) {
          explain(failed, processes, platform);
        }
        assertThat(failed).as("creates that failed").isEmpty();

        List<JsonObject> calls = platform.verticle.platform().calls();
        Map<String, Long> carriedOut = calls.stream()
            .filter(c -> c.getString("call").equals("createConference") && "0".equals(c.getString("result")))
            .collect(Collectors.groupingBy(c -> c.getJsonObject("params").getString("userId"), Collectors.counting()));
        assertThat(carriedOut.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(carriedOut.values()).as("no create carried out twice").allMatch(n -> n == 1);

        Map<Integer, Integer> ownerChanges = ownerChanges(prefix, processes);
        JsonArray state = platform.verticle.platform().snapshot().getJsonArray("accounts");
        int invalidatedTotal = 0;
        for (int i = 0; i < ACCOUNTS; i++) {
          JsonObject a = find(state, account(i));
          int issued = a.getInteger("tempKeysIssued");
          int invalidated = a.getInteger("tempKeysInvalidated");
          int owners = ownerChanges.getOrDefault(partition(account(i)), 0);
          invalidatedTotal += invalidated;
          System.out.printf("%s: %d getAccountkey, %d keys invalidated by the platform, %d owner(s)%n",
              account(i), issued, invalidated, owners);
          assertThat(issued).as("getAccountkey calls for %s", account(i)).isLessThanOrEqualTo(invalidated + owners);
        }
        long refused = calls.stream().filter(c -> c.getString("call").equals("createConference")
            && !"0".equals(c.getString("result"))).count();
        System.out.printf("key owners at scale: %d creates, %d refused for a stale key and sent again, "
            + "%d keys invalidated, owner changes per partition %s%n", CREATES, refused, invalidatedTotal, ownerChanges);
        assertThat(invalidatedTotal).as("the platform rotated keys under the traffic").isGreaterThanOrEqualTo(ACCOUNTS);
      } finally {
        for (GatewayProcess p : processes) {
          p.close();
        }
      }
    }
  }

  /** What the processes and the platform saw of failed creates: their log lines, their calls, their account's keys. */
  private static void explain(List<String> failed, List<GatewayProcess> processes, SimulatorHarness platform)
      throws Exception {
    for (String f : failed) {
      String id = f.substring(0, f.indexOf(':'));
      String account = account(Integer.parseInt(id.substring(3)) % ACCOUNTS);
      System.out.println("== " + f);
      for (GatewayProcess p : processes) {
        p.log().lines().filter(l -> l.contains(id + " ") || l.contains(id + ")") || l.contains(account))
            .forEach(l -> System.out.println("  [" + p.managementPort + "] " + l));
      }
      platform.verticle.platform().calls().stream()
          .filter(c -> id.equals(c.getJsonObject("params").getString("userId"))
              || (c.getString("call").equals("getAccountkey")
                  && account.equals(c.getJsonObject("params").getString("account_identify"))))
          .forEach(c -> System.out.println("  platform: " + c.getString("at") + " " + c.getString("call") + " "
              + c.getString("result")));
    }
  }

  private GatewayProcess start(String prefix, Map<String, String> env) throws Exception {
    int push = KafkaBroker.freePort();
    int management = KafkaBroker.freePort();
    // A call in flight finishes within the SIGTERM drain (4 s): the platform answers within 2 s or not at all.
    String extra = """
        command:
          groupId: %sgroup
        platform:
          requestTimeoutMs: 2000
        """.formatted(prefix);
    String yaml = GatewayProcess.yaml(prefix, push, management, extra)
        .replace("partitions: 3", "partitions: " + KEY_REQUEST_PARTITIONS)
        // The fold is not what this test is about: three processes on two cores have enough to do.
        .replace("gateway:\n", "gateway:\n  roles: [ingress, commands]\n");
    return new GatewayProcess(dir, yaml, env, push, management);
  }

  /** The creates, paced at {@link #PER_SECOND}, from a thread of its own; their ids. */
  private static List<String> send(CommandTopics topics, AtomicInteger sent) {
    List<String> ids = new ArrayList<>();
    long start = System.nanoTime();
    for (int seq = 0; seq < CREATES; seq++) {
      String id = "ks-" + seq;
      topics.sendAsync("key-" + (seq % 60), new JsonObject().put("commandId", id).put("type", "conference.create")
          .put("accountId", account(seq % ACCOUNTS)).put("caller", "13800000000")
          .put("phones", new JsonArray().add("13900000001")).put("userId", id));
      ids.add(id);
      sent.incrementAndGet();
      long wait = start + (long) (seq + 1) * 1_000_000_000L / PER_SECOND - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
    }
    topics.flush();
    return ids;
  }

  /** The key-requests partition an account's requests go to (Kafka's default partitioner). */
  private static int partition(String accountId) {
    return Utils.toPositive(Utils.murmur2(accountId.getBytes(StandardCharsets.UTF_8))) % KEY_REQUEST_PARTITIONS;
  }

  /** How many times each key-requests partition was given to an owner, read from every process's log. */
  private static Map<Integer, Integer> ownerChanges(String prefix, List<GatewayProcess> processes) throws Exception {
    Pattern partition = Pattern.compile(Pattern.quote(prefix + "conference.accounts.key-requests-") + "(\\d+)");
    Map<Integer, Integer> changes = new java.util.HashMap<>();
    for (GatewayProcess p : processes) {
      for (String line : p.log().lines().filter(l -> l.contains("Key owner now for")).toList()) {
        Matcher m = partition.matcher(line);
        while (m.find()) {
          changes.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
        }
      }
    }
    return changes;
  }

  private static JsonObject find(JsonArray accounts, String id) {
    for (int i = 0; i < accounts.size(); i++) {
      if (id.equals(accounts.getJsonObject(i).getString("id"))) {
        return accounts.getJsonObject(i);
      }
    }
    throw new AssertionError("the simulator does not know " + id);
  }
}
