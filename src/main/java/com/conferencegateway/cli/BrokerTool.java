package com.conferencegateway.cli;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.config.InvalidConfig;
import com.conferencegateway.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code broker}: dev mode's single-node Kafka broker in a process of its own, so that several
 * gateways share it (two replicas on one machine) or a gateway is measured without the broker in
 * its JVM. Keeps running until the process is stopped.
 */
@Command(name = "broker", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Runs dev mode's Kafka broker alone (single-node KRaft) until stopped.",
        "Gateways started with KAFKA_BOOTSTRAP_SERVERS=<host>:<port> and one shared GATEWAY_SECRET_KEY use it."})
final class BrokerTool implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerTool.class);

  @Option(names = "--port", paramLabel = "N", description = "client port (default kafka.embedded.port, 9092)")
  Integer port;

  @Option(names = "--controller-port", paramLabel = "N",
      description = "KRaft controller port (default kafka.embedded.controllerPort, 9093)")
  Integer controllerPort;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "log directory, kept between starts (default kafka.embedded.dataDir, ./data/kafka)")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE") Path config;

  private volatile EmbeddedKafka broker;

  @Override
  public Integer call() {
    GatewayConfig.Embedded e = ConfigLoader.loadForTools(config, System.getenv()).kafka().embedded();
    int clientPort = port(port, e.port(), "--port");
    int quorumPort = port(controllerPort, e.controllerPort(), "--controller-port");
    EmbeddedKafka started = new EmbeddedKafka(dataDir != null ? dataDir : Path.of(e.dataDir()), e.host(),
        clientPort, quorumPort).start();
    broker = started;
    // SIGTERM or Ctrl-C: a clean shutdown, so the next start does not recover its logs.
    Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "broker-shutdown"));
    LOG.info("Kafka broker at {} (data in {}). Gateways: KAFKA_BOOTSTRAP_SERVERS={} and the same "
        + "GATEWAY_SECRET_KEY for every replica (e.g. `openssl rand -base64 32`). Stop with Ctrl-C.",
        started.bootstrapServers(), started.dataDir().toAbsolutePath(), started.bootstrapServers());
    return Cli.OK;
  }

  private static int port(Integer given, int configured, String option) {
    int p = given != null ? given : configured;
    if (p < 1 || p > 65535) {
      throw new InvalidConfig(option, p + " is not a port (1-65535)");
    }
    return p;
  }

  /** The running broker, for the process that started it (tests stop it through this). */
  EmbeddedKafka broker() {
    return broker;
  }
}
