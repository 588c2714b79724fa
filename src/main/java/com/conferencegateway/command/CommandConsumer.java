package com.conferencegateway.command;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command topic's consumer, on a thread of its own, so that a rebalance can wait for the
 * commands in flight: when partitions are revoked, the rebalance listener ({@link CommandHandOver},
 * which Kafka runs on this thread, inside poll) hands them to the {@link CommandPipeline} on the
 * event loop, waits up to {@code revokeDrainMs} for their commands to finish and their results to
 * be published, commits their offsets, and only then returns and lets the partitions go. Waiting
 * blocks this consumer's own thread, never an event loop; everything that touches the pipeline runs
 * on its context.
 */
final class CommandConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);
  private static final long HAND_OVER_WAIT_MS = 1000;
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<String, byte[]> consumer;
  private final String topic;
  private final Context context;
  private final CommandPipeline pipeline;
  private final long revokeDrainMs;
  private final ConcurrentLinkedQueue<Runnable> onPollThread = new ConcurrentLinkedQueue<>();
  // Released when the paused consumer has something to do: resume, or a task to run.
  private final Semaphore nudge = new Semaphore(0);
  private final Thread thread;
  private final Promise<Void> closed = Promise.promise();
  private volatile boolean running = true;
  private volatile boolean paused;
  private volatile boolean closing;

  CommandConsumer(Map<String, String> properties, String topic, Context context,
      java.util.function.Function<CommandPipeline.Flow, CommandPipeline> pipelineFactory, long revokeDrainMs) {
    Map<String, Object> props = new HashMap<>(properties);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.context = context;
    this.revokeDrainMs = revokeDrainMs;
    this.pipeline = pipelineFactory.apply(new CommandPipeline.Flow() {
      @Override
      public void pause() {
        paused = true;
      }

      @Override
      public void resume() {
        paused = false;
        nudge.release();
      }
    });
    this.thread = new Thread(this::run, "command-consumer-" + topic);
    this.thread.setDaemon(true);
  }

  CommandPipeline pipeline() {
    return pipeline;
  }

  /** The native consumer, for its metrics (thread-safe) only. */
  KafkaConsumer<String, byte[]> metricsSource() {
    return consumer;
  }

  void start() {
    thread.start();
  }

  /** Commits what the pipeline has finished; called on the event loop, carried out on the consumer's thread. */
  Future<Void> commit() {
    Map<TopicPartition, Long> offsets = pipeline.committable();
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    onPollThread.add(() -> {
      Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> owned = owned(offsets);
      if (owned.isEmpty()) {
        context.runOnContext(v -> done.complete());
        return;
      }
      consumer.commitAsync(owned, (committed, e) -> context.runOnContext(v -> {
        if (e == null) {
          pipeline.committed(offsets);
          done.complete();
        } else {
          LOG.warn("Committing command offsets failed: {}", e.getMessage());
          done.fail(e);
        }
      }));
    });
    nudge.release();
    consumer.wakeup();
    return done.future();
  }

  /** Commits what is done (the pipeline was drained before) and closes the consumer on its thread. */
  Future<Void> close() {
    Map<TopicPartition, Long> last = pipeline.committable();
    closing = true;
    onPollThread.add(() -> {
      commitSync(last);
      running = false;
    });
    nudge.release();
    consumer.wakeup();
    return closed.future();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic),
          new CommandHandOver(context, pipeline, revokeDrainMs, () -> closing, this::commitSync));
      while (running) {
        Runnable task;
        while ((task = onPollThread.poll()) != null) {
          task.run();
        }
        if (!running) {
          break;
        }
        applyFlow();
        try {
          ConsumerRecords<String, byte[]> records = paused ? pollWhilePaused() : consumer.poll(POLL);
          if (!records.isEmpty()) {
            handOver(records);
          }
        } catch (WakeupException e) {
          // a task to run: the loop picks it up
        }
      }
    } catch (RuntimeException e) {
      LOG.error("The command consumer stopped: {}", e.toString(), e);
    } finally {
      try {
        consumer.close(Duration.ofSeconds(5));
      } catch (RuntimeException e) {
        LOG.warn("Closing the command consumer: {}", e.getMessage());
      }
      closed.tryComplete();
    }
  }

  /**
   * Gives a batch to the pipeline and waits until it has taken it, so that the next poll sees the
   * pause the pipeline asked for. Without the wait this thread kept polling while the event loop was
   * busy, and thousands of commands were in flight at once however low maxInFlight was: their
   * platform calls waited for a pooled connection until they timed out. Waiting blocks this
   * thread only.
   */
  private void handOver(ConsumerRecords<String, byte[]> records) {
    CountDownLatch taken = new CountDownLatch(1);
    context.runOnContext(v -> {
      try {
        records.forEach(r -> pipeline.accept(new KafkaConsumerRecordImpl<>(r)));
      } finally {
        taken.countDown();
      }
    });
    try {
      // Bounded, so that commits and a closing request are not held up by a stalled event loop.
      taken.await(HAND_OVER_WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /**
   * Paused, a poll fetches nothing but must still run (group membership, commit callbacks). It used to
   * be the same 100 ms poll, which a resume could not cut short: once maxInFlight had been reached,
   * the pipeline emptied and then sat idle for the rest of it (commands ran at 2,100/s on 1.1 of the
   * two cores). Now the wait ends as soon as the pipeline resumes.
   */
  private ConsumerRecords<String, byte[]> pollWhilePaused() {
    try {
      if (nudge.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
        nudge.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return ConsumerRecords.empty();
    }
    return consumer.poll(Duration.ZERO);
  }

  private void applyFlow() {
    Set<org.apache.kafka.common.TopicPartition> assignment = consumer.assignment();
    if (paused) {
      consumer.pause(assignment);
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
  }

  private void commitSync(Map<TopicPartition, Long> offsets) {
    Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> owned = owned(offsets);
    if (owned.isEmpty()) {
      return;
    }
    try {
      try {
        consumer.commitSync(owned, Duration.ofSeconds(10));
      } catch (WakeupException meantForPoll) {
        // commit() and close() wake a poll; one that lands here instead is spent by now: commit again.
        consumer.commitSync(owned, Duration.ofSeconds(10));
      }
      context.runOnContext(v -> pipeline.committed(offsets));
    } catch (RuntimeException e) {
      LOG.warn("Committing command offsets failed: {}; their commands will be delivered again", e.getMessage());
    }
  }

  /** Only partitions this member still owns: a commit for one already handed over would move its new owner's. */
  private Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> owned(Map<TopicPartition, Long> offsets) {
    Set<org.apache.kafka.common.TopicPartition> assignment = consumer.assignment();
    Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    offsets.forEach((tp, offset) -> {
      org.apache.kafka.common.TopicPartition k = new org.apache.kafka.common.TopicPartition(tp.getTopic(), tp.getPartition());
      if (assignment.contains(k)) {
        out.put(k, new OffsetAndMetadata(offset, ""));
      }
    });
    return out;
  }
}
