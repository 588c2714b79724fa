package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.GatewayProcess;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.ingress.DemoPushes;
import com.conferencegateway.kafka.KafkaBroker;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three processes fold one session view between them (sessions role only) and 10,000 conferences
 * pass through the fold: every process answers for every conference, and a walk of
 * {@code /conferences?limit=1000} from each visits each conference once. Then one of them is
 * SIGKILLed: the others answer for its conferences, from the standbys, within 10 s. Beside them an
 * ingress-only process serves pushes and runs no Streams thread and no query port.
 *
 * <p>Outside CI, the same at scale: {@code mvn -B verify -Dit.test=SessionsFleetIT -Dfleet.conferences=150000
 * -Dfleet.sampled=3000} (3,000 GETs per process, sampled evenly); it prints each process's memory.
 */
@Tag("reliability")
class SessionsFleetIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final int CONFERENCES = Integer.getInteger("fleet.conferences", 10_000);
  /** GETs per process: every conference unless told otherwise. */
  private static final int SAMPLED = Integer.getInteger("fleet.sampled", CONFERENCES);
  private static final int PUSHED = 100;
  private static final String TOKEN = "fleet-query-token-0001";
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);

  @TempDir Path dir;

  private static String session(int i) {
    return "700000000000000000000000" + String.format("%08d", i);
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void threeFoldProcessesAnswerForEveryConferenceAndAStandbyAnswersWithinTenSecondsOfAKill() throws Exception {
    String prefix = TestGateways.uniquePrefix();
    Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
        "GATEWAY_SECRET_KEY", TestGateways.SECRET_KEY, "PLATFORM_BASE_URL", "http://127.0.0.1:9/httpIntf",
        "PLATFORM_APP_ID", DemoPushes.STATUS_APP, "PLATFORM_APP_KEY", "unused", "GATEWAY_QUERY_TOKENS", TOKEN);
    List<GatewayProcess> folds = new ArrayList<>();
    GatewayProcess ingress = null;
    long t0 = System.nanoTime();
    try {
      for (int i = 0; i < 3; i++) {
        folds.add(start(prefix, env, "sessions"));
      }
      ingress = start(prefix, env, "ingress");
      for (GatewayProcess p : folds) {
        p.awaitReady(Duration.ofSeconds(120));
      }
      ingress.awaitReady(Duration.ofSeconds(120));
      phase("four processes ready", t0);

      for (int i = 0; i < PUSHED; i++) {
        Http.Answer pushed = Http.post("http://127.0.0.1:" + ingress.pushPort + "/platform/status",
            DemoPushes.STATUS.replace("60048697352637101321471681503865", session(i)));
        assertThat(pushed.body()).as("the ingress-only process serves pushes").contains("\"result\":\"0\"");
      }
      produceStates(prefix + "conference.state");
      phase(String.format("%,d conferences written", CONFERENCES), t0);

      List<String> expected = IntStream.range(0, CONFERENCES).mapToObj(SessionsFleetIT::session).toList();
      for (GatewayProcess p : folds) {
        List<String> walked = Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
            .until(() -> walk(p), w -> w.size() >= CONFERENCES);
        assertThat(walked).as("a walk from the process on %d", p.queryPort).containsExactlyElementsOf(expected);
        phase("a walk from one process complete", t0);
      }
      int every = Math.max(1, CONFERENCES / SAMPLED);
      List<String> asked = IntStream.range(0, CONFERENCES).filter(i -> i % every == 0).mapToObj(SessionsFleetIT::session)
          .toList();
      for (GatewayProcess p : folds) {
        assertThat(notAnswered(p, asked, 8)).as("conferences the process on %d did not answer", p.queryPort)
            .isEmpty();
        phase(asked.size() + " GETs answered by one process", t0);
      }
      for (GatewayProcess p : folds) {
        System.out.printf("sessions fleet: process on %d: RSS %d MiB, heap used %d MiB, store on disk %d MiB%n",
            p.queryPort, rssMiB(p), heapUsedMiB(p), storeMiB(p));
      }

      GatewayProcess killed = folds.get(0);
      killed.kill();
      long start = System.nanoTime();
      // About 500 conferences spread over every partition, however many were written: a sample that grew with
      // the conferences would take longer to ask than the 10 s it is given (8,824 GETs at 150,000).
      int spread = Math.max(17, CONFERENCES / 500);
      List<String> sample = IntStream.range(0, CONFERENCES).filter(i -> i % spread == 0)
          .mapToObj(SessionsFleetIT::session).toList();
      for (GatewayProcess p : folds.subList(1, 3)) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
            .until(() -> notAnswered(p, sample, 8).isEmpty());
      }
      System.out.printf("sessions fleet: %d conferences, every one answered by 3 processes; after a SIGKILL the "
          + "others answered all %d sampled within %d ms%n", CONFERENCES, sample.size(),
          (System.nanoTime() - start) / 1_000_000);

      String threads = threadDump(ingress);
      assertThat(threads).as("the ingress-only process runs no Streams thread").doesNotContain("StreamThread")
          .contains("vert.x-eventloop");
      assertThat(listening(ingress.queryPort)).as("the ingress-only process has no query port").isFalse();
    } finally {
      folds.forEach(GatewayProcess::close);
      if (ingress != null) {
        ingress.close();
      }
    }
  }

  private static void phase(String what, long t0) {
    System.out.printf("sessions fleet: %s at %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
  }

  private GatewayProcess start(String prefix, Map<String, String> env, String roles) throws Exception {
    int push = KafkaBroker.freePort();
    int management = KafkaBroker.freePort();
    int query = KafkaBroker.freePort();
    String yaml = GatewayProcess.yaml(prefix, push, management, query, "")
        .replace("partitions: 3", "partitions: 6")
        .replace("gateway:\n", "gateway:\n  roles: [" + roles + "]\n");
    return new GatewayProcess(dir, yaml, env, push, management, query);
  }

  /** The conferences the pushes did not make, written to conference.state as the fleet's ingress would. */
  private static void produceStates(String topic) throws Exception {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        KAFKA.bootstrapServers(), "acks", "all", "linger.ms", "5"), new StringSerializer(), new ByteArraySerializer())) {
      for (int i = PUSHED; i < CONFERENCES; i++) {
        JsonObject state = new JsonObject().put("sessionId", session(i)).put("caller", "8617001090107")
            .put("callee", "0188110" + String.format("%05d", i)).put("state", "RINGING")
            .put("stateTime", "2026-11-29T18:00:00.000+08:00").put("appId", DemoPushes.STATUS_APP)
            .put("receivedAt", "2026-11-29T10:00:00.000Z");
        producer.send(new ProducerRecord<>(topic, session(i), state.encode().getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  /** Every session id of a whole walk from {@code p}; empty while it cannot answer yet. */
  private static List<String> walk(GatewayProcess p) throws Exception {
    List<String> ids = new ArrayList<>();
    String next = null;
    do {
      String url = "http://127.0.0.1:" + p.queryPort + "/conferences?limit=1000"
          + (next == null ? "" : "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      Http.Answer page = Http.get(url, AUTH);
      if (page.status() != 200) {
        return List.of();
      }
      page.json().getJsonArray("conferences").forEach(c -> ids.add(((JsonObject) c).getString("sessionId")));
      next = page.json().getString("next");
    } while (next != null);
    return ids;
  }

  /** The ids among {@code ids} that {@code p} did not answer 200 for, asked from {@code threads} threads. */
  private static Set<String> notAnswered(GatewayProcess p, List<String> ids, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> asked = new ArrayList<>();
      for (String id : ids) {
        asked.add(pool.submit(() -> {
          Http.Answer a = Http.get("http://127.0.0.1:" + p.queryPort + "/conferences/" + id, AUTH);
          return a.status() == 200 && id.equals(a.json().getString("sessionId")) ? null : id;
        }));
      }
      Set<String> missing = new HashSet<>();
      for (Future<String> f : asked) {
        String id = f.get();
        if (id != null) {
          missing.add(id);
        }
      }
      return missing;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long rssMiB(GatewayProcess p) throws Exception {
    return java.nio.file.Files.readAllLines(Path.of("/proc/" + p.pid() + "/status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
        .findFirst().orElse(-1);
  }

  private static long heapUsedMiB(GatewayProcess p) throws Exception {
    return (long) Http.get("http://127.0.0.1:" + p.managementPort + "/metrics").body().lines()
        .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum() / (1024 * 1024);
  }

  /** The size of the process's fold store directory (its active partitions and its standby copies). */
  private static long storeMiB(GatewayProcess p) throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("stateDir: \"([^\"]+)\"").matcher(p.config());
    if (!m.find()) {
      return -1;
    }
    try (var files = java.nio.file.Files.walk(Path.of(m.group(1)))) {
      return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum() / (1024 * 1024);
    }
  }

  private static String threadDump(GatewayProcess p) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(p.pid()), "Thread.print").redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
