package com.conferencegateway.account;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key owners' consumer group on the key-requests topic: the member a partition is assigned to
 * owns the temp keys of the accounts keyed to it. It runs on a thread of its own and handles one
 * poll's requests at a time, so that when a rebalance revokes a partition (inside poll) nothing of it
 * is in flight: a partition changes owner only between batches, and the next owner starts from the
 * committed offset. When partitions are assigned, this process's tail of {@code conference.accounts}
 * reads up to the topic's end before any request is handled, so that a new owner knows every key
 * stored before it fetches one; from then on only the owner writes its accounts' keys. Waiting
 * blocks this thread only; the requests are handled on the verticle's event loop.
 */
final class KeyOwnerConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(KeyOwnerConsumer.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final Context context;
  /** What the owner does with one request ({@link KeyOwner#handle}): completes once it is answered. */
  private final Function<KeyMessage.Request, Future<Void>> owner;
  private final Supplier<Future<Void>> accountsReadToEnd;
  private final long batchTimeoutMs;
  private final Thread thread;
  private final Promise<Void> closed = Promise.promise();
  private volatile boolean running = true;
  /** Set by an assignment (inside poll, on this thread): read conference.accounts to its end first. */
  private boolean catchUp;
  /**
   * Offsets of batches handled whole whose commit met a rebalance under way: committed after the next poll, or
   * when their partition is revoked, and never handled again here. Handling a request again fetches again when
   * the platform refused the last fetch: a getAccountkey per poll for as long as the rebalance lasts.
   */
  private final Map<TopicPartition, OffsetAndMetadata> handledNotCommitted = new HashMap<>();

  /**
   * @param accountsReadToEnd completes once this process has read {@code conference.accounts} up to its end as of the call
   * @param batchTimeoutMs how long one batch may take (a platform call and a Kafka acknowledgement, and then some)
   */
  KeyOwnerConsumer(Map<String, String> properties, String topic, Context context,
      Function<KeyMessage.Request, Future<Void>> owner, Supplier<Future<Void>> accountsReadToEnd, long batchTimeoutMs) {
    this(new KafkaConsumer<>(new HashMap<String, Object>(properties), new StringDeserializer(),
        new ByteArrayDeserializer()), topic, context, owner, accountsReadToEnd, batchTimeoutMs);
  }

  /** With a consumer given: Kafka's {@code MockConsumer} in a test that makes a commit meet a rebalance. */
  KeyOwnerConsumer(Consumer<String, byte[]> consumer, String topic, Context context,
      Function<KeyMessage.Request, Future<Void>> owner, Supplier<Future<Void>> accountsReadToEnd, long batchTimeoutMs) {
    this.consumer = consumer;
    this.topic = topic;
    this.context = context;
    this.owner = owner;
    this.accountsReadToEnd = accountsReadToEnd;
    this.batchTimeoutMs = batchTimeoutMs;
    this.thread = new Thread(this::run, "key-owner-" + topic);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Leaves the group (its partitions go to the other owners at once) and closes, on the consumer's thread. */
  Future<Void> close() {
    running = false;
    consumer.wakeup();
    return closed.future();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new Ownership());
      while (running) {
        ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(POLL);
          commitHandled(consumer.assignment());
        } catch (WakeupException e) {
          continue;
        }
        if (!records.isEmpty() && running) {
          handle(records);
        }
      }
    } catch (RuntimeException e) {
      LOG.error("The key owner's consumer stopped: {}; temp keys of its accounts wait for another owner", e.toString(), e);
    } finally {
      try {
        commitHandled(consumer.assignment());
      } catch (RuntimeException e) {
        LOG.warn("Committing the last key requests handled: {}; the next owner handles them again", e.getMessage());
      }
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("Closing the key owner's consumer: {}", e.getMessage());
      }
      closed.tryComplete();
    }
  }

  /** One batch: handled whole and committed, or sought back to be handled again. */
  private void handle(ConsumerRecords<String, byte[]> records) {
    List<KeyMessage.Request> requests = new ArrayList<>();
    records.forEach(r -> {
      if (KeyMessage.read(r.value()) instanceof KeyMessage.Request request) {
        requests.add(request);
      }
    });
    CompletableFuture<Void> handled = new CompletableFuture<>();
    boolean catchingUp = catchUp;
    context.runOnContext(v -> (catchingUp ? accountsReadToEnd.get() : Future.<Void>succeededFuture())
        .compose(caughtUp -> Future.all(requests.stream().map(owner).toList()))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            handled.complete(null);
          } else {
            handled.completeExceptionally(ar.cause());
          }
        }));
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      next.put(tp, new OffsetAndMetadata(r.offset() + 1));
      first.putIfAbsent(tp, r.offset());
    }
    try {
      awaitUnlessClosing(handled);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return;
    } catch (Exception e) {
      // Handled again from the first request of the batch: a key stored meanwhile answers it without a fetch.
      LOG.warn("Key requests not all answered ({}); handling them again", e.getMessage());
      first.forEach((tp, offset) -> {
        if (consumer.assignment().contains(tp)) {
          consumer.seek(tp, offset);
        }
      });
      return;
    }
    catchUp = false;
    handledNotCommitted.putAll(next);
    commitHandled(next.keySet());
  }

  /**
   * Commits what was handled of these partitions. A commit that meets a rebalance is tried again after the
   * next poll (which takes part in the rebalance) or when the partition is revoked; one refused because this
   * process is no longer a member gives the requests to the next owner, who handles them again.
   */
  private void commitHandled(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    partitions.forEach(tp -> {
      OffsetAndMetadata offset = handledNotCommitted.get(tp);
      if (offset != null) {
        offsets.put(tp, offset);
      }
    });
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, Duration.ofSeconds(10));
      offsets.keySet().forEach(handledNotCommitted::remove);
    } catch (CommitFailedException e) {
      LOG.warn("Key requests of {} handled but not committed ({}): their next owner handles them again",
          offsets.keySet(), e.getMessage());
      offsets.keySet().forEach(handledNotCommitted::remove);
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.info("Key requests of {} handled; their commit waits for the next poll ({})", offsets.keySet(), e.getMessage());
    }
  }

  /** Waits for the batch, up to batchTimeoutMs, and no longer once close() was called: it is handled again by the next owner. */
  private void awaitUnlessClosing(CompletableFuture<Void> handled) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(batchTimeoutMs);
    while (true) {
      try {
        handled.get(100, TimeUnit.MILLISECONDS);
        return;
      } catch (java.util.concurrent.TimeoutException e) {
        if (!running || System.nanoTime() > deadline) {
          throw new java.util.concurrent.TimeoutException(running ? "not answered within " + batchTimeoutMs + " ms"
              : "closing");
        }
      }
    }
  }

  /** Logs which partitions this process owns; nothing is in flight when Kafka calls it (see the class comment). */
  private final class Ownership implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        catchUp = true;
        LOG.info("Key owner now for {}: temp keys of their accounts are fetched here", partitions);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        commitHandled(partitions);
        partitions.forEach(handledNotCommitted::remove);
        LOG.info("Key owner no longer for {}", partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(handledNotCommitted::remove);
      LOG.warn("Key ownership of {} lost (session timed out): another process owns them now", partitions);
    }
  }
}
