package com.conferencegateway.cli;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a tool finds Kafka and the topic names: --bootstrap, else the configuration, else dev mode's broker. */
final class KafkaTarget {
  @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
      description = "Kafka; default KAFKA_BOOTSTRAP_SERVERS, else dev mode's localhost:9092")
  String bootstrap;

  @Option(names = "--config", paramLabel = "FILE", description = "the gateway's configuration file, for topic names")
  Path config;

  private GatewayConfig loaded;

  GatewayConfig config() {
    if (loaded == null) {
      loaded = ConfigLoader.loadForTools(config, System.getenv());
    }
    return loaded;
  }

  String bootstrapServers() {
    if (bootstrap != null) {
      return bootstrap;
    }
    GatewayConfig.Kafka k = config().kafka();
    return k.embeddedMode() ? k.embedded().host() + ":" + k.embedded().port() : k.bootstrapServers();
  }
}
