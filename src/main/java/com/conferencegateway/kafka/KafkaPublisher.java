package com.conferencegateway.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes records and completes only when Kafka has acknowledged every one of them (the producer
 * runs with acks=all and idempotence), or fails when that did not happen within the timeout.
 *
 * <p>{@code send} may block (metadata, a full buffer), so it runs on one sender thread of its own,
 * never on an event loop. Calls queue up and the sender takes them in order; an event loop hands
 * the queue over once per turn of its loop, not once per call, because waking the sender thread
 * was a futex call per push (docs/benchmarks.md, seventh pass). The acknowledgements come back on
 * Kafka's I/O thread and complete the caller's future on the caller's context, once per call, not
 * once per record. Timeouts are checked by one periodic timer, not a timer per call
 * ({@link AckWindows}).
 */
public final class KafkaPublisher {
  private static final long SWEEP_MS = 100;

  private final Vertx vertx;
  private final Producer<String, byte[]> producer;
  private final ExecutorService sender;
  private final AckWindows<Pending> pending = new AckWindows<>(TimeUnit.MILLISECONDS.toNanos(SWEEP_MS));
  private final ConcurrentLinkedQueue<Handoff> queued = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean handoverDue = new AtomicBoolean();
  private final long sweepTimer;

  public KafkaPublisher(Vertx vertx, Producer<String, byte[]> producer) {
    this.vertx = vertx;
    this.producer = producer;
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kafka-sender");
      t.setDaemon(true);
      return t;
    });
    this.sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> failOverdue());
  }

  /** One call's records, acknowledged together; settled once, on the caller's context. */
  private static final class Pending extends AckWindows.Call {
    final Context context;
    final Promise<Void> promise = Promise.promise();
    final AtomicInteger left;

    Pending(Context context, long deadlineNanos, int records) {
      super(deadlineNanos);
      this.context = context;
      this.left = new AtomicInteger(records);
    }

    void settle(Throwable failure) {
      if (settle()) {
        context.runOnContext(v -> {
          if (failure == null) {
            promise.complete();
          } else {
            promise.fail(failure);
          }
        });
      }
    }
  }

  /** A call's records waiting for the sender thread. */
  private record Handoff(List<OutboundRecord> records, Pending pending) {}

  public Future<Void> publish(List<OutboundRecord> records, long timeoutMs) {
    long now = System.nanoTime();
    Context context = vertx.getOrCreateContext();
    Pending p = new Pending(context, now + TimeUnit.MILLISECONDS.toNanos(timeoutMs), records.size());
    pending.add(p, now);
    queued.add(new Handoff(records, p));
    if (handoverDue.compareAndSet(false, true)) {
      deferHandOver(context);
    }
    return p.promise.future();
  }

  private void deferHandOver(Context context) {
    if (context.isEventLoopContext()) {
      try {
        // After the rest of this turn's reads: every call they make joins the same handover.
        context.runOnContext(v -> handOver());
        return;
      } catch (RuntimeException e) {
        // The event loop is shutting down; hand over from here.
      }
    }
    handOver();
  }

  private void handOver() {
    try {
      sender.execute(this::sendQueued);
    } catch (RuntimeException e) { // the sender was shut down: every call from now on fails at once
      handoverDue.set(false);
      Handoff h;
      while ((h = queued.poll()) != null) {
        h.pending().settle(e);
      }
    }
  }

  /** On the sender thread: sends every queued call, in the order they were made. */
  private void sendQueued() {
    // Cleared before taking: a call queued after the last take hands over again.
    handoverDue.set(false);
    Handoff h;
    while ((h = queued.poll()) != null) {
      send(h.records(), h.pending());
    }
  }

  private void send(List<OutboundRecord> records, Pending p) {
    for (OutboundRecord r : records) {
      try {
        producer.send(new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers()), (metadata, e) -> {
          if (e != null) {
            p.settle(e);
          } else if (p.left.decrementAndGet() == 0) {
            p.settle(null);
          }
        });
      } catch (RuntimeException e) {
        p.settle(e);
      }
    }
  }

  public Future<Void> publish(OutboundRecord record, long timeoutMs) {
    return publish(List.of(record), timeoutMs);
  }

  /** Fails what Kafka has not acknowledged in time. */
  private void failOverdue() {
    if (!queued.isEmpty()) {
      handOver(); // a safety net: nothing waits in the queue for longer than one sweep
    }
    pending.sweep(System.nanoTime(), p -> p.settle(new TimeoutException("Kafka did not acknowledge in time")));
  }

  /** Sends what is buffered and waits for its acknowledgements; blocking, so on a worker. */
  public Future<Void> flush() {
    return vertx.executeBlocking(() -> {
      sender.submit(() -> {
        sendQueued();
        producer.flush();
      }).get(30, TimeUnit.SECONDS);
      return null;
    });
  }

  /** Closes the producer after the sender's last task; blocking, so on a worker. */
  public Future<Void> closeProducer() {
    vertx.cancelTimer(sweepTimer);
    return vertx.executeBlocking(() -> {
      sender.shutdown();
      sender.awaitTermination(10, TimeUnit.SECONDS);
      producer.close(java.time.Duration.ofSeconds(10));
      return null;
    });
  }
}
