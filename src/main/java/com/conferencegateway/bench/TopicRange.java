package com.conferencegateway.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a topic received during a run: its end offsets before, then every record from there to its end after. */
final class TopicRange {
  private final String bootstrap;
  private final String topic;
  private final Map<TopicPartition, Long> start;

  private TopicRange(String bootstrap, String topic, Map<TopicPartition, Long> start) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.start = start;
  }

  /** Marks where {@code topic} ends now. */
  static TopicRange from(String bootstrap, String topic) {
    try (KafkaConsumer<String, byte[]> c = consumer(bootstrap)) {
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(10))) {
        tps.add(new TopicPartition(topic, p.partition()));
      }
      return new TopicRange(bootstrap, topic, c.endOffsets(tps));
    }
  }

  String topic() {
    return topic;
  }

  /** Every record written since {@link #from}, up to the end as it is now (for two minutes at most). */
  void read(Consumer<ConsumerRecord<String, byte[]>> each) {
    try (KafkaConsumer<String, byte[]> c = consumer(bootstrap)) {
      c.assign(start.keySet());
      start.forEach(c::seek);
      Map<TopicPartition, Long> to = c.endOffsets(start.keySet());
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (System.nanoTime() < deadline && to.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
        c.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", "false",
        "max.poll.records", "5000"), new StringDeserializer(), new ByteArrayDeserializer());
  }
}
