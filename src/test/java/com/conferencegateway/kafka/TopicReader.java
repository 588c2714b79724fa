package com.conferencegateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain Kafka consumer for tests: reads what a topic holds, as any downstream service would. */
public final class TopicReader {
  private TopicReader() {}

  /** Every record of the topic, waiting until at least {@code atLeast} arrived or the time is up. */
  public static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic, int atLeast, Duration wait) {
    Map<String, Object> props = Map.of(
        "bootstrap.servers", bootstrap,
        "group.id", "test-reader-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest",
        "enable.auto.commit", "false",
        // conference.sessions is written in transactions: what an aborted one wrote is not read.
        "isolation.level", "read_committed");
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + wait.toNanos();
      while (System.nanoTime() < deadline && out.size() < atLeast) {
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
      // A little longer, to catch records that should not be there.
      long settle = System.nanoTime() + Duration.ofMillis(300).toNanos();
      while (System.nanoTime() < settle) {
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  public static String header(ConsumerRecord<?, ?> record, String key) {
    var h = record.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
