package com.conferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.TestGateways;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A few seconds of each benchmark against a real gateway, so the tool keeps working. No timing is asserted. */
class BenchSmokeIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static Gateway gateway;
  private static String yaml;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    yaml = TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(), null);
    GatewayConfig config = TestGateways.config(yaml);
    gateway = TestGateways.start(config);
    assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    TestGateways.stop(gateway);
  }

  private Path config() throws Exception {
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void pushBenchDrivesBothEndpointsAndFindsEveryAcceptedPushInKafka() throws Exception {
    Path json = dir.resolve("push.json");
    int code = bench("push", "--config", config().toString(), "--url",
        "http://127.0.0.1:" + gateway.pushPort(), "--mix", "both", "--connections", "4", "--duration", "4", "--warmup", "0",
        "--cdr-batch", "3", "--metrics-url", "http://127.0.0.1:" + gateway.managementPort() + "/metrics",
        "--json", json.toString());
    assertThat(code).isZero();
    JsonObject report = new JsonObject(Files.readString(json));
    assertThat(report.getLong("count")).isPositive();
    JsonObject readBack = report.getJsonObject("readBack");
    assertThat(readBack.getLong("acceptedStatus")).isPositive();
    assertThat(readBack.getLong("acceptedCdrs")).isPositive();
    assertThat(readBack.getLong("missingStatus")).isZero();
    assertThat(readBack.getLong("missingCdrs")).isZero();
    assertThat(report.getJsonObject("latencyMillis").getDouble("p99")).isPositive();
    // Four seconds hold at least two readings of /metrics (one a second): the gateway's own figures.
    assertThat(report.getDouble("gatewayCpuMicrosPerOp")).isPositive();
    JsonObject gatewaySide = report.getJsonObject("gatewayLatency");
    assertThat(gatewaySide.getLong("answered")).isPositive().isLessThanOrEqualTo(report.getLong("count"));
    assertThat(gatewaySide.getJsonObject("percentWithinMs").getDouble("10000")).isEqualTo(100.0);
  }

  @Test
  void openLoopPushBenchRampsUpDuringTheWarmUpAndMeasuresAtTheGivenRate() throws Exception {
    Path json = dir.resolve("open.json");
    assertThat(bench("push", "--config", config().toString(), "--url",
        "http://127.0.0.1:" + gateway.pushPort(), "--rate", "200", "--duration", "2", "--warmup", "2", "--metrics-url", "",
        "--json", json.toString())).isZero();
    JsonObject report = new JsonObject(Files.readString(json));
    assertThat(report.getString("mode")).isEqualTo("open-loop 200/s");
    assertThat(report.getLong("rampSeconds")).as("half the warm-up by default").isEqualTo(1);
    assertThat(report.getLong("count")).as("every push that fell due in the window was sent, at the full rate")
        .isEqualTo(400);
  }

  @Test
  void aRampLongerThanTheWarmUpIsRefused() throws Exception {
    assertThat(bench("push", "--config", config().toString(), "--url", "http://127.0.0.1:" + gateway.pushPort(),
        "--rate", "200", "--duration", "1", "--warmup", "2", "--ramp", "3", "--metrics-url", "")).isEqualTo(2);
  }

  @Test
  void commandBenchGetsExactlyOneResultPerCommand() throws Exception {
    Path json = dir.resolve("command.json");
    int code = bench("command", "--config", config().toString(), "--count", "30", "--rate", "50",
        "--keys", "5", "--warmup", "0", "--metrics-url", "", "--json", json.toString());
    assertThat(code).isZero();
    JsonObject report = new JsonObject(Files.readString(json));
    assertThat(report.getLong("withResult")).isEqualTo(30);
    assertThat(report.getLong("missing")).isZero();
    assertThat(report.getLong("duplicated")).isZero();
    assertThat(report.getJsonObject("outcomes").getLong("succeeded")).isEqualTo(30);
  }

  /** Through the jar's command line, as a user runs it. */
  private static int bench(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "bench";
    System.arraycopy(args, 0, all, 1, args.length);
    return com.conferencegateway.cli.Cli.commandLine(config -> 1).execute(all);
  }
}
