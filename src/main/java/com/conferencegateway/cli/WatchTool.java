package com.conferencegateway.cli;

import com.conferencegateway.config.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code watch TOPIC}: prints a topic's records as they arrive (key, CloudEvents headers, value), so
 * that dev mode can be watched with nothing but the jar. A plain blocking program; Ctrl-C ends it.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Prints a topic's records as they arrive, e.g. watch conference.state")
final class WatchTool implements Callable<Integer> {
  @Parameters(paramLabel = "TOPIC", description = "the topic, e.g. conference.state") String topic;

  @Option(names = "--from-beginning", description = "start at the oldest record, not the newest") boolean fromBeginning;

  @Mixin KafkaTarget kafka;

  @Override
  public Integer call() {
    GatewayConfig config = kafka.config();
    String bootstrap = kafka.bootstrapServers();
    Map<String, Object> props = new java.util.HashMap<>(config.kafka().common());
    props.put("bootstrap.servers", bootstrap);
    props.put("group.id", "watch-" + UUID.randomUUID());
    props.put("auto.offset.reset", fromBeginning ? "earliest" : "latest");
    props.put("enable.auto.commit", "false");
    // conference.sessions is written in transactions: show only what was committed.
    props.put("isolation.level", "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      System.err.println("watching " + topic + " at " + bootstrap + " (Ctrl-C to stop)");
      while (true) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          StringBuilder line = new StringBuilder().append(r.partition()).append('@').append(r.offset())
              .append(" key=").append(r.key());
          for (Header h : r.headers()) {
            line.append(' ').append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8));
          }
          System.out.println(line);
          System.out.println("  " + (r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8)));
        }
      }
    } catch (RuntimeException e) {
      System.err.println("cannot read " + topic + " at " + bootstrap + ": " + e.getMessage()
          + " (is the gateway running? in dev mode its broker is at localhost:9092)");
      return Cli.FAILED;
    }
  }
}
