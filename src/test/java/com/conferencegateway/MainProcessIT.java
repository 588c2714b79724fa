package com.conferencegateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.kafka.KafkaBroker;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar as an operator runs it: a separate process, its exit codes and what it prints. */
class MainProcessIT {
  private static final Path JAR = Path.of("target", "conference-gateway.jar");

  private static ProcessBuilder jar(Path workDir, List<String> args) {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
        JAR.toAbsolutePath().toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("PLATFORM_") || k.startsWith("GATEWAY_"));
    return pb;
  }

  @Test
  void aBadConfigValueStopsTheStartWithOneLineNamingTheKey(@TempDir Path dir) throws Exception {
    ProcessBuilder pb = jar(dir, List.of());
    pb.environment().put("GATEWAY_MANAGEMENT_PORT", "70000");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(out.lines()).hasSize(1);
    assertThat(out).contains("GATEWAY_MANAGEMENT_PORT").contains("70000");
  }

  @Test
  void devModeBecomesReadyAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
    int http = KafkaBroker.freePort();
    int mgmt = KafkaBroker.freePort();
    int query = KafkaBroker.freePort();
    int kafkaPort = KafkaBroker.freePort();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, """
        kafka:
          embedded:
            dataDir: %s
            port: %d
            controllerPort: %d
        gateway:
          httpPort: %d
          managementPort: %d
          queryPort: %d
        simulator:
          port: %d
        """.formatted(dir.resolve("data/kafka"), kafkaPort, KafkaBroker.freePort(), http, mgmt, query,
        KafkaBroker.freePort()));
    File log = dir.resolve("gateway.log").toFile();
    ProcessBuilder pb = jar(dir, List.of("--config", config.toString())).redirectErrorStream(true).redirectOutput(log);
    pb.environment().put("LOG_FORMAT", "JSON");
    Process p = pb.start();
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int status = -1;
      while (System.nanoTime() < deadline && status != 200) {
        status = Http.get("http://127.0.0.1:" + mgmt + "/health/ready").status();
        Thread.sleep(200);
      }
      assertThat(status).as(Files.readString(log.toPath())).isEqualTo(200);
      assertThat(Files.readString(log.toPath())).contains("DEV MODE");
      List<io.vertx.core.json.JsonObject> jsonLines = Files.readAllLines(log.toPath()).stream()
          .filter(l -> l.startsWith("{")).map(io.vertx.core.json.JsonObject::new).toList();
      assertThat(jsonLines).as("LOG_FORMAT=JSON: one JSON object a line").isNotEmpty()
          .allMatch(j -> j.getString("level") != null && j.getString("loggerName") != null);

      // The README's walkthrough: a push in, then `watch` shows it with nothing but the jar.
      String session = "77700000000000000000000000000001";
      String body = "{\"describe\":\"d\",\"data\":{\"session_id\":\"" + session + "\",\"caller\":\"8613800000000\","
          + "\"callee\":\"013900000001\",\"call_state\":\"RINGING\",\"stateTime\":\"20261129100000000\","
          + "\"appidentify\":\"0DE40A9911C3A5E1D7C1E5F5A1B2C3D4\"}}";
      Http.Answer pushed = Http.post("http://127.0.0.1:" + http + "/platform/status", body);
      assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
      Path watched = dir.resolve("watch.out");
      Process watch = jar(dir, List.of("watch", "conference.state", "--from-beginning", "--bootstrap",
          "localhost:" + kafkaPort)).redirectOutput(watched.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until && !Files.readString(watched).contains("\"state\":\"RINGING\"")) {
          Thread.sleep(200);
        }
        assertThat(Files.readString(watched)).contains("key=" + session).contains("ce_type=conference.state")
            .contains("\"state\":\"RINGING\"");
      } finally {
        watch.destroyForcibly();
      }
      // Step 2b: the same conference as one record from the query API.
      String conference = "http://127.0.0.1:" + query + "/conferences/" + session;
      Http.Answer view = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200)).until(() -> Http.get(conference), a -> a.status() == 200);
      assertThat(view.json().getString("status")).isEqualTo("ringing");
      assertThat(view.json().getJsonArray("legs").getJsonObject(0).getString("number")).isEqualTo("013900000001");

      long signalled = System.nanoTime();
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s").isTrue();
      assertThat(p.exitValue()).as(Files.readString(log.toPath())).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
      assertThat(Files.isDirectory(dir.resolve("data/kafka"))).isTrue();
      assertThat(Files.isDirectory(dir.resolve("data/sessions"))).as("the fold's store under the data directory")
          .isTrue();
    } finally {
      p.destroyForcibly();
    }
  }
}
