package com.conferencegateway.session;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Kafka Streams application of the session table. Streams runs on threads of its own;
 * creating, starting and closing it block, so they run in {@code executeBlocking}, never on an event
 * loop. It is ready once it has been RUNNING (its store restored from the changelog); a rebalance
 * later does not make the gateway unready, a fold that stopped does.
 */
public final class SessionStreams {
  private static final Logger LOG = LoggerFactory.getLogger(SessionStreams.class);

  private final Vertx vertx;
  private volatile KafkaStreams streams;
  private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
  private volatile boolean restored;

  public SessionStreams(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> start(Topology topology, Map<String, String> properties) {
    return vertx.executeBlocking(() -> {
      Properties props = new Properties();
      props.putAll(properties);
      KafkaStreams created = new KafkaStreams(topology, props);
      created.setStateListener((now, before) -> {
        state = now;
        if (now == KafkaStreams.State.RUNNING && !restored) {
          restored = true;
          LOG.info("Session fold running: its store is restored");
        }
        if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
          LOG.error("Session fold stopped ({}): conference.sessions is no longer written by this replica", now);
        }
      });
      created.setUncaughtExceptionHandler(e -> {
        // A fold thread that failed is replaced: its tasks restart from the last committed transaction.
        LOG.error("Session fold thread failed, replacing it: {}", e.toString());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      });
      created.setGlobalStateRestoreListener(new RestoreProgress());
      streams = created;
      created.start();
      return null;
    });
  }

  /** Readiness: succeeded once the store was restored and the fold still runs. */
  public Future<Void> check() {
    KafkaStreams.State now = state;
    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR
        || now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.PENDING_SHUTDOWN) {
      return Future.failedFuture("the session fold is " + now + "; see the log for its failure");
    }
    return restored ? Future.succeededFuture()
        : Future.failedFuture("the session fold is " + now + ": restoring its store and joining its group");
  }

  public KafkaStreams.State state() {
    return state;
  }

  /** The running application, for queries of its store; null before it starts. */
  public KafkaStreams kafkaStreams() {
    return streams;
  }

  /** Stops the fold: its open transaction is committed or aborted, its partitions handed over. */
  public Future<Void> close(Duration timeout) {
    KafkaStreams running = streams;
    if (running == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      // Leaving the group hands this replica's partitions over at once; otherwise the others wait for
      // the session timeout (45 s) before they take them, and the fold stands still meanwhile.
      running.close(CloseOptions.timeout(timeout).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
      return null;
    });
  }

  /** Long restores show their progress in the log. */
  private static final class RestoreProgress implements StateRestoreListener {
    @Override
    public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
      if (end > start) {
        LOG.info("Restoring {} from {}: {} records", store, partition, end - start);
      }
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long count) {
      LOG.debug("Restoring {} from {}: at offset {}", store, partition, batchEnd);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long total) {
      if (total > 0) {
        LOG.info("Restored {} from {}: {} records", store, partition, total);
      }
    }
  }
}
