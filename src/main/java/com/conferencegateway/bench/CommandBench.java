package com.conferencegateway.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 * Produces conference.create commands to the command topic (at a fixed rate or as fast as
 * possible) and measures each from its produce to its result's arrival; checks that every command
 * has exactly one result. The platform is whatever the gateway calls: the simulator in dev mode.
 */
final class CommandBench {
  private final String bootstrap;
  private final String commandTopic;
  private final String resultTopic;
  private final String account;
  private final long count;
  private final long rate;
  private final int keys;
  private final int phones;
  private final Duration timeout;
  private final long warmupCommands;
  private final String runId = "bench-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, Integer> results = new ConcurrentHashMap<>();
  private final LatencyRecorder recorder = new LatencyRecorder();

  CommandBench(BenchOptions o, String defaultBootstrap, String commandTopic, String resultTopic, String defaultAccount) {
    this.bootstrap = o.text("bootstrap", defaultBootstrap);
    this.commandTopic = commandTopic;
    this.resultTopic = resultTopic;
    this.account = o.text("account", defaultAccount);
    this.count = o.number("count", 10_000);
    this.rate = o.number("rate", 0);
    this.keys = (int) o.number("keys", 0);
    this.phones = (int) o.number("phones", 2);
    this.timeout = Duration.ofSeconds(o.number("timeout", 60));
    // The first commands warm the gateway and this generator up; they are checked, not timed.
    this.warmupCommands = o.number("warmup", Math.min(count / 5, 5000));
  }

  JsonObject run() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong produced = new AtomicLong();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
        "enable.auto.commit", "false", "max.poll.records", "5000", "fetch.max.wait.ms", "10"), new StringDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
            "acks", "all", "linger.ms", "5", "compression.type", "lz4"), new StringSerializer(), new ByteArraySerializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(resultTopic, Duration.ofSeconds(10))) {
        tps.add(new TopicPartition(resultTopic, p.partition()));
      }
      consumer.assign(tps);
      consumer.seekToEnd(tps);
      tps.forEach(consumer::position);
      Thread collector = new Thread(() -> collect(consumer, stop), "results");
      System.err.printf("bench command: %,d conference.create to %s at %s, %d phones each%n", count, commandTopic,
          rate > 0 ? rate + "/s" : "full speed", phones);
      long start = System.nanoTime();
      collector.start();
      long lastProgress = start;
      JsonArray phoneList = new JsonArray();
      for (int i = 1; i <= phones; i++) {
        phoneList.add(String.format("139%08d", i));
      }
      for (long i = 0; i < count; i++) {
        if (rate > 0) {
          // Parked, not spun: a spinning generator took two thirds of a core from the gateway it measures.
          long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        String id = runId + "-" + i;
        String key = keys > 0 ? runId + "-key-" + (i % keys) : id;
        JsonObject command = new JsonObject().put("commandId", id).put("type", "conference.create")
            .put("accountId", account).put("caller", "13800000000").put("phones", phoneList).put("userId", "bench");
        sentAt.put(id, System.nanoTime());
        producer.send(new ProducerRecord<>(commandTopic, key, command.encode().getBytes(StandardCharsets.UTF_8)));
        produced.incrementAndGet();
        if (System.nanoTime() - lastProgress > 1_000_000_000L) {
          lastProgress = System.nanoTime();
          System.err.printf("  %3ds  produced %,d  results %,d  p99 %.1f ms%n", (lastProgress - start) / 1_000_000_000,
              produced.get(), recorder.count(), recorder.percentileMillis(99));
        }
      }
      producer.flush();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (results.size() < count && System.nanoTime() < deadline) {
        Thread.sleep(200);
        System.err.printf("  waiting: results %,d of %,d%n", results.size(), count);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(500); // a late duplicate would show here
      stop.set(true);
      collector.join(5000);
      long duplicates = results.values().stream().filter(n -> n > 1).count();
      JsonObject report = recorder.toJson(seconds);
      report.put("windowStartNanos", start).put("windowEndNanos", start + (long) (seconds * 1e9));
      // Throughput over every command, warm-up included: from the first produce to the last result.
      report.put("count", (long) results.size()).put("throughputPerSecond", results.size() / seconds);
      report.put("mode", rate > 0 ? "fixed rate " + rate + "/s" : "full speed").put("commands", count)
          .put("warmupCommands", warmupCommands)
          .put("withResult", results.size()).put("missing", count - results.size()).put("duplicated", duplicates);
      return report;
    }
  }

  private static long sequenceOf(String commandId) {
    return Long.parseLong(commandId.substring(commandId.lastIndexOf('-') + 1));
  }

  private void collect(KafkaConsumer<String, byte[]> consumer, AtomicBoolean stop) {
    while (!stop.get()) {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        long now = System.nanoTime();
        JsonObject result;
        try {
          result = new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
          continue;
        }
        String id = result.getString("commandId");
        Long sent = id == null ? null : sentAt.get(id);
        if (sent == null) {
          continue;
        }
        if (results.merge(id, 1, Integer::sum) == 1 && sequenceOf(id) >= warmupCommands) {
          recorder.record(now - sent, result.getString("status"));
        }
      }
    }
  }
}
