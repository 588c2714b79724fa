package com.conferencegateway.kafka;

import com.conferencegateway.config.ConfigLoader;
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

/**
 * {@code java -jar conference-gateway.jar watch TOPIC [--from-beginning] [--bootstrap HOST:PORT]}:
 * prints a topic's records as they arrive (key, CloudEvents headers, value), so that dev mode can
 * be watched with nothing but the jar. A plain blocking program; Ctrl-C ends it.
 */
public final class TopicWatch {
  private TopicWatch() {}

  public static int run(List<String> args) {
    if (args.isEmpty() || args.get(0).startsWith("-")) {
      System.err.println("usage: watch TOPIC [--from-beginning] [--bootstrap HOST:PORT]   e.g. watch conference.state");
      return 2;
    }
    GatewayConfig config = ConfigLoader.loadForTools(null, System.getenv());
    int b = args.indexOf("--bootstrap");
    String bootstrap = b >= 0 && b + 1 < args.size() ? args.get(b + 1)
        : config.kafka().embeddedMode()
            ? config.kafka().embedded().host() + ":" + config.kafka().embedded().port()
            : config.kafka().bootstrapServers();
    Map<String, Object> props = new java.util.HashMap<>(config.kafka().common());
    props.put("bootstrap.servers", bootstrap);
    props.put("group.id", "watch-" + UUID.randomUUID());
    props.put("auto.offset.reset", args.contains("--from-beginning") ? "earliest" : "latest");
    props.put("enable.auto.commit", "false");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(args.get(0)));
      System.err.println("watching " + args.get(0) + " at " + bootstrap + " (Ctrl-C to stop)");
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
      System.err.println("cannot read " + args.get(0) + " at " + bootstrap + ": " + e.getMessage()
          + " (is the gateway running? in dev mode its broker is at localhost:9092)");
      return 3;
    }
  }

}
