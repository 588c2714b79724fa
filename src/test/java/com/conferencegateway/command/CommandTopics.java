package com.conferencegateway.command;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A service on the other side of the command topics: produces commands, collects results. */
public final class CommandTopics implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> results;
  private final String commandTopic;
  private final List<JsonObject> seen = new ArrayList<>();

  public CommandTopics(String bootstrap, String commandTopic, String resultTopic) {
    this.commandTopic = commandTopic;
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(),
        new ByteArraySerializer());
    results = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "group.id", "results-" + UUID.randomUUID(),
        "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    results.subscribe(List.of(resultTopic));
  }

  public void send(String key, JsonObject command) {
    send(key, command.encode().getBytes(StandardCharsets.UTF_8));
  }

  public void send(String key, byte[] bytes) {
    try {
      producer.send(new ProducerRecord<>(commandTopic, key, bytes)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends without waiting for each acknowledgement (a burst, as producers send); then {@link #flush()}. */
  public void sendAsync(String key, JsonObject command) {
    producer.send(new ProducerRecord<>(commandTopic, key, command.encode().getBytes(StandardCharsets.UTF_8)));
  }

  public void flush() {
    producer.flush();
  }

  /** Every result seen so far for the command (waits until at least {@code count} arrived). */
  public List<JsonObject> results(String commandId, int count, Duration wait) {
    return until(r -> commandId.equals(r.getString("commandId")), count, wait);
  }

  public JsonObject result(String commandId) {
    List<JsonObject> r = results(commandId, 1, Duration.ofSeconds(30));
    if (r.isEmpty()) {
      throw new AssertionError("no result for " + commandId + " within 30 s");
    }
    return r.get(0);
  }

  public List<JsonObject> until(Predicate<JsonObject> match, int count, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      List<JsonObject> matching = seen.stream().filter(match).toList();
      if (matching.size() >= count || System.nanoTime() > deadline) {
        return matching;
      }
      for (ConsumerRecord<String, byte[]> r : results.poll(Duration.ofMillis(100))) {
        seen.add(new JsonObject(new String(r.value(), StandardCharsets.UTF_8)));
      }
    }
  }

  /**
   * Waits until results for {@code commandIds} have all arrived (a command delivered twice may have
   * two results: they count once), or the time is up; returns every matching result seen.
   */
  public List<JsonObject> allResults(java.util.Collection<String> commandIds, Duration wait) {
    java.util.Set<String> wanted = new java.util.HashSet<>(commandIds);
    long deadline = System.nanoTime() + wait.toNanos();
    List<JsonObject> matching;
    do {
      matching = until(r -> wanted.contains(r.getString("commandId")), Integer.MAX_VALUE, Duration.ofMillis(200));
    } while (matching.stream().map(r -> r.getString("commandId")).distinct().count() < wanted.size()
        && System.nanoTime() < deadline);
    return matching;
  }

  @Override
  public void close() {
    producer.close();
    results.close();
  }
}
