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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateway processes in one consumer group, scaled out and in while commands flow, against a platform
 * that takes 200 ms per call. Revoked partitions are drained before they are handed over, so a planned
 * scale event carries out no command twice, loses none, and keeps each key's order.
 */
@Tag("reliability")
class ScaleEventsIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final int KEYS = 50;
  private static final String SIGN_MISMATCH = com.conferencegateway.simulator.Refused.SIGN_MISMATCH;

  @TempDir Path dir;
  private SimulatorHarness platform;
  private String prefix;
  private Map<String, String> env;
  private final List<GatewayProcess> processes = new ArrayList<>();
  private CommandTopics topics;

  @BeforeEach
  void start() throws Exception {
    platform = new SimulatorHarness(Vertx.vertx(), null, null, 0);
    platform.verticle.faults().update(new JsonObject().put("latencyMs", 200));
    Path accounts = dir.resolve("accounts.json");
    Files.writeString(accounts, new JsonArray().add(new JsonObject().put("accountId", SimulatorHarness.ACCOUNT)
        .put("keyPermanent", SimulatorHarness.ACCOUNT_KEY)).encode());
    prefix = TestGateways.uniquePrefix();
    env = Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
        "GATEWAY_SECRET_KEY", TestGateways.SECRET_KEY, "PLATFORM_BASE_URL", platform.baseUrl(),
        "PLATFORM_APP_ID", SimulatorHarness.APP, "PLATFORM_APP_KEY", SimulatorHarness.APP_KEY,
        "PLATFORM_ACCOUNTS_FILE", accounts.toString());
    topics = new CommandTopics(KAFKA.bootstrapServers(), prefix + "conference.command",
        prefix + "conference.command.result");
  }

  @AfterEach
  void stop() throws Exception {
    processes.forEach(GatewayProcess::close);
    if (topics != null) {
      topics.close();
    }
    platform.close();
  }

  private GatewayProcess startGateway() throws Exception {
    int push = KafkaBroker.freePort();
    int management = KafkaBroker.freePort();
    String extra = """
        command:
          groupId: %sgroup
          revokeDrainMs: 6000
        platform:
          requestTimeoutMs: 2000
        """.formatted(prefix);
    String yaml = GatewayProcess.yaml(prefix, push, management, extra).replace("partitions: 3", "partitions: 12");
    GatewayProcess p = new GatewayProcess(dir, yaml, env, push, management);
    processes.add(p);
    return p;
  }

  /** Command {@code seq}: its identity is readable in the platform's call log, whatever its type. */
  private static JsonObject command(int seq) {
    String id = "cmd-" + seq;
    JsonObject c = new JsonObject().put("commandId", id);
    return switch (seq % 4) {
      case 0 -> c.put("type", "conference.create").put("accountId", SimulatorHarness.ACCOUNT)
          .put("caller", "13800000000").put("phones", new JsonArray().add("13900000001")).put("userId", id);
      case 1 -> c.put("type", "conference.add").put("sessionId", "s-" + seq).put("phones", new JsonArray().add(phone(seq)));
      case 2 -> c.put("type", "conference.remove").put("sessionId", "s-" + seq).put("phones", new JsonArray().add(phone(seq)));
      default -> c.put("type", "conference.end").put("sessionId", id);
    };
  }

  private static String phone(int seq) {
    return "139" + String.format("%08d", seq);
  }

  /** Which command a platform call was, from its parameters. */
  private static int seqOf(JsonObject call) {
    JsonObject p = call.getJsonObject("params");
    return switch (call.getString("call")) {
      case "createConference" -> Integer.parseInt(p.getString("userId").substring(4));
      case "conferenceAdd", "conferenceMinus" -> Integer.parseInt(p.getString("calledNbr").substring(3));
      case "endConference" -> Integer.parseInt(p.getString("sessionid").substring(4));
      default -> -1;
    };
  }

  /** Sends {@code count} commands over {@link #KEYS} keys, at most {@code perSecond}, from a thread of its own. */
  private CompletableFuture<List<String>> send(int count, int perSecond, AtomicInteger sent) {
    return CompletableFuture.supplyAsync(() -> {
      List<String> ids = new ArrayList<>();
      long start = System.nanoTime();
      for (int seq = 0; seq < count; seq++) {
        JsonObject c = command(seq);
        topics.send("key-" + (seq % KEYS), c);
        ids.add(c.getString("commandId"));
        sent.incrementAndGet();
        long due = start + (long) (seq + 1) * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
      return ids;
    });
  }

  /** No command lost, none carried out twice, every key's commands in the order they were sent. */
  private void assertEachCommandOnceInOrder(List<String> ids) {
    List<JsonObject> results = topics.allResults(ids, Duration.ofSeconds(120));
    assertThat(results.stream().map(r -> r.getString("commandId")).collect(Collectors.toSet()))
        .as("every command has a result").hasSize(ids.size());
    List<JsonObject> log = platform.verticle.platform().calls();
    // A call refused for a stale temp key was not carried out (the gateway resends it with the current key).
    long staleKey = log.stream().filter(c -> SIGN_MISMATCH.equals(c.getString("result")) && seqOf(c) >= 0).count();
    List<Integer> calls = log.stream().filter(c -> !SIGN_MISMATCH.equals(c.getString("result")))
        .map(ScaleEventsIT::seqOf).filter(seq -> seq >= 0).toList();
    Map<Integer, Long> perCommand = calls.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertThat(perCommand).as("every command reached the platform").hasSize(ids.size());
    List<Integer> twice = perCommand.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    assertThat(twice).as("commands carried out twice").isEmpty();
    Map<Integer, Integer> lastPerKey = new HashMap<>();
    for (int seq : calls) {
      Integer previous = lastPerKey.put(seq % KEYS, seq);
      assertThat(previous == null || previous < seq).as("key %d: %s after %d", seq % KEYS, seq, previous).isTrue();
    }
    System.out.printf("scale events: %d commands, %d results, %d platform calls carried out, 0 twice, "
        + "%d refused for a stale temp key and resent%n", ids.size(), results.size(), calls.size(), staleKey);
  }

  @Test
  void scalingFromOneToThreeToTwoToOneCarriesOutNoCommandTwiceAndKeepsEachKeysOrder() throws Exception {
    GatewayProcess a = startGateway();
    a.awaitReady(Duration.ofSeconds(60));
    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<List<String>> sending = send(5000, 150, sent);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 500);
    GatewayProcess b = startGateway();
    GatewayProcess c = startGateway();
    b.awaitReady(Duration.ofSeconds(60));
    c.awaitReady(Duration.ofSeconds(60));
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= 2000);
    assertThat(b.terminate(Duration.ofSeconds(30))).isZero();
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() >= 3500);
    assertThat(c.terminate(Duration.ofSeconds(30))).isZero();
    List<String> ids = sending.get();
    assertEachCommandOnceInOrder(ids);
    assertThat(a.log()).as("partitions were drained and handed over").contains("handed over");
  }

  @Test
  void aProcessTerminatedInTheMiddleOfABurstHandsItsCommandsOverWithoutRepeatingAny() throws Exception {
    GatewayProcess a = startGateway();
    GatewayProcess b = startGateway();
    a.awaitReady(Duration.ofSeconds(60));
    b.awaitReady(Duration.ofSeconds(60));
    AtomicInteger sent = new AtomicInteger();
    CompletableFuture<List<String>> sending = send(2000, 2000, sent);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 1000);
    assertThat(b.terminate(Duration.ofSeconds(30))).isZero();
    assertEachCommandOnceInOrder(sending.get());
  }
}
