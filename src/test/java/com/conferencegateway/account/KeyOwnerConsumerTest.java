package com.conferencegateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The key owners' consumer against Kafka's own {@link MockConsumer}: a commit that meets a rebalance
 * cannot be staged on a real broker at will. Handling a request again is not harmless: when the
 * platform refused the last fetch, it fetches again (one getAccountkey per poll, seen in CI while a
 * second replica joined).
 */
class KeyOwnerConsumerTest {
  private static final String TOPIC = "conference.accounts.key-requests";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  private final Vertx vertx = Vertx.vertx();
  private final List<Long> seeks = new CopyOnWriteArrayList<>();
  private final AtomicInteger commitsToRefuse = new AtomicInteger();
  private final AtomicInteger handled = new AtomicInteger();
  private final MockConsumer<String, byte[]> mock = new MockConsumer<>("earliest") {
    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
      if (commitsToRefuse.getAndDecrement() > 0) {
        throw new RebalanceInProgressException("the group is rebalancing");
      }
      super.commitSync(offsets, timeout);
    }

    @Override
    public synchronized void seek(TopicPartition partition, long offset) {
      if (handled.get() > 0) { // not the mock's own seek to the beginning, at the start
        seeks.add(offset);
      }
      super.seek(partition, offset);
    }
  };
  private KeyOwnerConsumer consumer;

  @AfterEach
  void stop() {
    if (consumer != null) {
      consumer.close().await();
    }
    vertx.close().await();
  }

  private void start(java.util.function.Function<KeyMessage.Request, Future<Void>> owner) {
    mock.schedulePollTask(() -> {
      mock.rebalance(List.of(PARTITION));
      mock.updateBeginningOffsets(Map.of(PARTITION, 0L));
      mock.seekToBeginning(List.of(PARTITION));
      KeyMessage.Request request = new KeyMessage.Request("ACCOUNT-1", null, KeyMessage.Reason.MISSING, "replica-a",
          Instant.parse("2026-12-04T00:00:00Z"));
      mock.addRecord(new ConsumerRecord<>(TOPIC, 0, 0L, "ACCOUNT-1",
          request.toJson().encode().getBytes(StandardCharsets.UTF_8)));
    });
    consumer = new KeyOwnerConsumer(mock, TOPIC, vertx.getOrCreateContext(), owner, Future::succeededFuture, 5_000);
    consumer.start();
  }

  private Long committed() {
    OffsetAndMetadata offset = mock.committed(Set.of(PARTITION)).get(PARTITION);
    return offset == null ? null : offset.offset();
  }

  @Test
  void aBatchHandledWholeWhoseCommitMeetsARebalanceIsCommittedAfterTheNextPollNotHandledAgain() {
    commitsToRefuse.set(1);
    start(request -> {
      handled.incrementAndGet();
      return Future.succeededFuture();
    });

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(1L).equals(committed()));
    assertThat(handled.get()).as("the request was handled once").isEqualTo(1);
    assertThat(seeks).as("nothing sought back to be handled again").isEmpty();
  }

  @Test
  void aBatchNotAnsweredIsSoughtBackToItsFirstRequestAndNotCommitted() {
    start(request -> {
      handled.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("the notice was not acknowledged"));
    });

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !seeks.isEmpty());
    assertThat(seeks).first().isEqualTo(0L);
    assertThat(committed()).isNull();
  }
}
