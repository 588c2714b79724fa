package com.conferencegateway;

import com.conferencegateway.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The gateway jar as a separate process, as an operator runs it: for tests that kill it. */
public final class GatewayProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target", "conference-gateway.jar");
  private final Path log;
  private final Path config;
  private final Process process;
  public final int pushPort;
  public final int managementPort;
  public final int queryPort;

  public GatewayProcess(Path dir, String configYaml, Map<String, String> env, int pushPort, int managementPort)
      throws Exception {
    this(dir, configYaml, env, pushPort, managementPort, -1);
  }

  /** {@code queryPort}: the one the config names, for tests that query this process. */
  public GatewayProcess(Path dir, String configYaml, Map<String, String> env, int pushPort, int managementPort,
      int queryPort) throws Exception {
    this.pushPort = pushPort;
    this.managementPort = managementPort;
    this.queryPort = queryPort;
    this.config = Files.createTempFile(dir, "gateway", ".yaml");
    Files.writeString(config, configYaml);
    this.log = Files.createTempFile(dir, "gateway", ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", JAR.toAbsolutePath().toString(), "--config", config.toString()));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("PLATFORM_") || k.startsWith("GATEWAY_"));
    pb.environment().putAll(env);
    this.process = pb.start();
  }

  /** A config for a process gateway on {@code bootstrap}, with topics under {@code prefix}. */
  public static String yaml(String prefix, int pushPort, int managementPort, String extra) {
    return yaml(prefix, pushPort, managementPort, KafkaBroker.freePort(), extra);
  }

  /** The same, with the query port given. */
  public static String yaml(String prefix, int pushPort, int managementPort, int queryPort, String extra) {
    return "kafka:\n" + TestGateways.topics(prefix) + """
        gateway:
          host: 127.0.0.1
          httpPort: %d
          managementPort: %d
          queryPort: %d
          queryAdvertisedHost: 127.0.0.1
          publishTimeoutMs: 3000
          retryAfterSeconds: 1
          shutdownDrainMs: 4000
          servedAppIds: ["9216BC2CE463C6633FA0EA1EFB4E7FBF", "1234515A3EA0B424D387F290FA6E7898"]
        sessions:
          applicationId: %ssessions
          stateDir: "%s"
        simulator:
          port: %d
          pacingMs: 0
        """.formatted(pushPort, managementPort, queryPort, prefix, TestGateways.stateDir(),
            KafkaBroker.freePort())
        + (extra == null ? "" : extra);
  }

  public void awaitReady(Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the gateway exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      if (Http.get("http://127.0.0.1:" + managementPort + "/health/ready").status() == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the gateway was not ready within " + wait + ":\n" + Files.readString(log));
  }

  /** SIGTERM, then the exit code (waits up to {@code wait}). */
  public int terminate(Duration wait) throws Exception {
    process.destroy();
    if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("no exit within " + wait + " of SIGTERM:\n" + Files.readString(log));
    }
    return process.exitValue();
  }

  /** SIGKILL: no chance to finish anything. */
  public void kill() throws Exception {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** The YAML the process was started with. */
  public String config() throws Exception {
    return Files.readString(config);
  }

  public long pid() {
    return process.pid();
  }

  public String log() throws Exception {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
