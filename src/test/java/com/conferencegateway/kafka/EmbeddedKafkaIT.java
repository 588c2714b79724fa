package com.conferencegateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  @Test
  void aRestartedBrokerKeepsWhatWasWrittenToItsDataDirectory(@TempDir Path dir) throws Exception {
    EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("kafka"), "localhost", KafkaBroker.freePort(),
        KafkaBroker.freePort());
    try {
      broker.start();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers(),
          "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>("kept", "k", "before restart".getBytes(StandardCharsets.UTF_8))).get();
      }
      broker.stop();

      broker.start();
      var records = TopicReader.read(broker.bootstrapServers(), "kept", 1, Duration.ofSeconds(20));
      assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .containsExactly("before restart");
    } finally {
      broker.stop();
    }
  }
}
