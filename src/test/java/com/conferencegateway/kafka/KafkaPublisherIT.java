package com.conferencegateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The publisher against a real broker: calls from several event loops at once are handed to its one
 * sender thread in turns, and every one is acknowledged, in order per key; once closed, a call fails
 * at once instead of waiting for its timeout.
 */
class KafkaPublisherIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();

  private Vertx vertx;
  private KafkaPublisher publisher;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    KafkaSettings settings = new KafkaSettings(KAFKA.bootstrapServers(), Map.of(), Map.of(), Map.of(), Map.of());
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        new HashMap<String, Object>(KafkaClientProperties.producer(settings, "publisher-it")),
        new StringSerializer(), new ByteArraySerializer());
    publisher = new KafkaPublisher(vertx, producer);
  }

  @AfterEach
  void stop() throws Exception {
    publisher.closeProducer().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** A fresh topic of three partitions (the broker creates none by itself). */
  private static String newTopic() throws Exception {
    String topic = "publisher-it-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    return topic;
  }

  @Test
  void burstsFromFourEventLoopsAreAllAcknowledgedAndKeepTheirOrderPerKey() throws Exception {
    String topic = newTopic();
    int loops = 4;
    int perLoop = 2_500;
    List<Future<Void>> all = new ArrayList<>();
    for (int loop = 0; loop < loops; loop++) {
      Context context = vertx.getOrCreateContext(); // each on an event loop of its own, round-robin
      Promise<Void> burst = Promise.promise();
      int source = loop;
      context.runOnContext(v -> {
        // One burst per turn of the loop, several records per call, as a CDR batch publishes them.
        List<Future<Void>> calls = new ArrayList<>();
        for (int i = 0; i < perLoop; i += 5) {
          List<OutboundRecord> records = new ArrayList<>();
          for (int j = i; j < i + 5; j++) {
            records.add(new OutboundRecord(topic, "key-" + source + "-" + (j % 7),
                (source + ":" + j).getBytes(StandardCharsets.UTF_8), List.of()));
          }
          calls.add(publisher.publish(records, 30_000));
        }
        Future.all(calls).<Void>mapEmpty().onComplete(burst);
      });
      all.add(burst.future());
    }
    Future.all(all).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

    List<ConsumerRecord<String, byte[]>> read = TopicReader.read(KAFKA.bootstrapServers(), topic, loops * perLoop,
        Duration.ofSeconds(30));
    assertThat(read).hasSize(loops * perLoop);
    Map<String, Integer> lastPerKey = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : read) {
      int sequence = Integer.parseInt(new String(r.value(), StandardCharsets.UTF_8).split(":")[1]);
      Integer before = lastPerKey.put(r.key(), sequence);
      assertThat(before == null || before < sequence)
          .as("key %s: %s after %s", r.key(), sequence, before).isTrue();
    }
    assertThat(lastPerKey).hasSize(loops * 7);
  }

  @Test
  void aCallAfterCloseFailsAtOnceInsteadOfWaitingForItsTimeout() throws Exception {
    String topic = newTopic();
    publisher.publish(new OutboundRecord(topic, "k", new byte[] {1}, List.of()), 30_000)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    publisher.closeProducer().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    Context context = vertx.getOrCreateContext();
    for (int attempt = 0; attempt < 3; attempt++) {
      Promise<Throwable> failure = Promise.promise();
      context.runOnContext(v -> publisher.publish(new OutboundRecord(topic, "k", new byte[] {2}, List.of()), 600_000)
          .onComplete(ar -> failure.complete(ar.cause())));
      // Far below the call's own timeout of ten minutes: the failure comes from the closed sender.
      Throwable cause = failure.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertThat(cause).as("attempt %s", attempt).isNotNull();
    }
  }
}
