package com.conferencegateway.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndTimestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of a topic from a point in time (or the beginning) and keeps following
 * it, with no consumer group: every replica sees every record. This is how the gateway keeps its
 * shared state (seen CDRs, done commands, accounts) in Kafka only. {@link #caughtUp()} completes
 * once everything that was in the topic at start has been read.
 */
public final class TopicTail {
  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
  private static final int TAIL_FETCH_BYTES = 256 * 1024;

  private final Vertx vertx;
  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final Promise<Void> caughtUp = Promise.promise();
  private final Map<TopicPartition, Long> endAtStart = new HashMap<>();
  private final Set<TopicPartition> behind = new HashSet<>();
  private long positionCheck = -1;

  private TopicTail(Vertx vertx, KafkaConsumer<String, byte[]> consumer, String topic) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.topic = topic;
  }

  /** Starts tailing; {@code since} null means from the beginning. Records reach {@code onRecord} on this context. */
  public static Future<TopicTail> start(Vertx vertx, Map<String, String> consumerProperties, String topic,
      Instant since, Consumer<KafkaConsumerRecord<String, byte[]>> onRecord) {
    Map<String, String> props = new HashMap<>(consumerProperties);
    props.remove("group.id");
    // A fetch's buffer stays below half a G1 region (1 MiB from 256 MiB of heap): larger ones are
    // "humongous", and a tail following 10,000 records/s set off a GC cycle every few seconds.
    props.putIfAbsent("fetch.max.bytes", String.valueOf(TAIL_FETCH_BYTES));
    props.putIfAbsent("max.partition.fetch.bytes", String.valueOf(TAIL_FETCH_BYTES));
    // State reads are no one's trace: no span per record read, whatever tracing is on.
    KafkaConsumer<String, byte[]> consumer = KafkaConsumer.create(vertx,
        new io.vertx.kafka.client.common.KafkaClientOptions().setConfig(new HashMap<String, Object>(props))
            .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE),
        new org.apache.kafka.common.serialization.StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    consumer.pollTimeout(Duration.ofMillis(100));
    consumer.exceptionHandler(e -> LOG.warn("Reading {} failed: {}", topic, e.getMessage()));
    TopicTail tail = new TopicTail(vertx, consumer, topic);
    return tail.begin(since, onRecord)
        .map(tail)
        .recover(e -> consumer.close().transform(ignored -> Future.failedFuture(e)));
  }

  public Future<Void> caughtUp() {
    return caughtUp.future();
  }

  /**
   * Completes once this tail has read every partition up to where it ended when this was called:
   * whatever was acknowledged on the topic before is known then. Fails after {@code timeoutMs}.
   */
  public Future<Void> readToCurrentEnd(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    Set<TopicPartition> partitions = Set.copyOf(endAtStart.keySet());
    return consumer.endOffsets(partitions).compose(ends -> {
      Promise<Void> reached = Promise.promise();
      awaitPositions(ends, deadline, reached);
      return reached.future();
    });
  }

  private void awaitPositions(Map<TopicPartition, Long> ends, long deadline, Promise<Void> reached) {
    List<Future<Boolean>> checks = ends.entrySet().stream()
        .map(e -> consumer.position(e.getKey()).map(position -> position >= e.getValue()))
        .toList();
    Future.all(checks).onComplete(ar -> {
      if (ar.failed()) {
        reached.fail(ar.cause());
      } else if (checks.stream().allMatch(Future::result)) {
        reached.complete();
      } else if (System.nanoTime() > deadline) {
        reached.fail(new KafkaUnavailable("reading " + topic + " to its end took too long"));
      } else {
        vertx.setTimer(20, id -> awaitPositions(ends, deadline, reached));
      }
    });
  }

  public Future<Void> close() {
    vertx.cancelTimer(positionCheck);
    return consumer.close();
  }

  private Future<Void> begin(Instant since, Consumer<KafkaConsumerRecord<String, byte[]>> onRecord) {
    return consumer.partitionsFor(topic)
        .compose(infos -> {
          if (infos == null || infos.isEmpty()) {
            return Future.failedFuture(new KafkaUnavailable("topic " + topic + " does not exist"));
          }
          Set<TopicPartition> partitions = infos.stream()
              .map(i -> new TopicPartition(topic, i.getPartition()))
              .collect(Collectors.toSet());
          return consumer.assign(partitions).compose(v -> seekStart(partitions, since)).map(partitions);
        })
        .compose(partitions -> consumer.endOffsets(partitions).compose(ends -> positions(partitions, ends)))
        .map(v -> {
          consumer.handler(record -> {
            onRecord.accept(record);
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (behind.contains(tp) && record.offset() + 1 >= endAtStart.get(tp)) {
              behind.remove(tp);
              completeWhenCaughtUp();
            }
          });
          completeWhenCaughtUp();
          if (!behind.isEmpty()) {
            // In a transactional topic the last offsets are commit markers, never handed over as records:
            // the consumer's position tells when they have been passed.
            positionCheck = vertx.setPeriodic(200, id -> checkPositions());
          }
          return null;
        });
  }

  private void checkPositions() {
    if (behind.isEmpty()) {
      vertx.cancelTimer(positionCheck);
      return;
    }
    for (TopicPartition tp : Set.copyOf(behind)) {
      consumer.position(tp).onSuccess(position -> {
        if (position >= endAtStart.get(tp) && behind.remove(tp)) {
          completeWhenCaughtUp();
        }
      });
    }
  }

  private Future<Void> seekStart(Set<TopicPartition> partitions, Instant since) {
    if (since == null) {
      return consumer.seekToBeginning(partitions);
    }
    Map<TopicPartition, Long> times = partitions.stream()
        .collect(Collectors.toMap(tp -> tp, tp -> since.toEpochMilli()));
    return consumer.offsetsForTimes(times).compose(found -> {
      List<Future<Void>> seeks = partitions.stream().map(tp -> {
        OffsetAndTimestamp at = found == null ? null : found.get(tp);
        return at == null ? consumer.seekToEnd(tp) : consumer.seek(tp, at.getOffset());
      }).toList();
      return Future.all(seeks).mapEmpty();
    });
  }

  private Future<Void> positions(Set<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
    List<Future<Void>> checks = partitions.stream().map(tp -> consumer.position(tp).<Void>map(position -> {
      long end = ends.getOrDefault(tp, 0L);
      endAtStart.put(tp, end);
      if (position < end) {
        behind.add(tp);
      }
      return null;
    })).toList();
    return Future.all(checks).mapEmpty();
  }

  private void completeWhenCaughtUp() {
    if (behind.isEmpty()) {
      caughtUp.tryComplete();
    }
  }
}
