package com.conferencegateway.cli;

import com.conferencegateway.config.GatewayConfig;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces one command to the command topic and waits for its result, as any other service would:
 * a plain blocking Kafka producer and consumer, no event loop.
 */
final class CommandSender {
  private CommandSender() {}

  static int send(String bootstrap, GatewayConfig config, JsonObject command, Duration timeout) {
    String key = command.getString("sessionId", command.getString("commandId"));
    GatewayConfig.Topics topics = config.kafka().topics();
    Map<String, Object> common = new HashMap<>(config.kafka().common());
    common.put("bootstrap.servers", bootstrap);
    Map<String, Object> consumerProps = new HashMap<>(common);
    consumerProps.put("enable.auto.commit", "false");
    Map<String, Object> producerProps = new HashMap<>(common);
    producerProps.put("acks", "all");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
        new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
            new ByteArraySerializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topics.commandResult(), Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      producer.send(new ProducerRecord<>(topics.command(), key, command.encode().getBytes(StandardCharsets.UTF_8))).get();
      System.err.println("sent " + command.encode());
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          JsonObject result = new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
          if (command.getString("commandId").equals(result.getString("commandId"))) {
            System.out.println(result.encodePrettily());
            return "succeeded".equals(result.getString("status")) ? 0 : 1;
          }
        }
      }
      System.err.println("no result within " + timeout.toSeconds() + " s: is the gateway running and consuming "
          + topics.command() + " at " + bootstrap + "?");
      return Cli.FAILED;
    } catch (Exception e) {
      System.err.println("cannot reach Kafka at " + bootstrap + ": " + e.getMessage());
      return Cli.FAILED;
    }
  }

}
