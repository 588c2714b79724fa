package com.conferencegateway.command;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.kafka.client.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which offsets of each partition are done. The offset to commit is the lowest one not yet done:
 * a command finished early (another key) never lets the commit pass one still running.
 */
final class PartitionProgress {
  private final Map<TopicPartition, TreeSet<Long>> running = new HashMap<>();
  private final Map<TopicPartition, Long> nextAfterSeen = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private final Map<TopicPartition, Promise<Void>> handOvers = new HashMap<>();

  void received(TopicPartition tp, long offset) {
    running.computeIfAbsent(tp, k -> new TreeSet<>()).add(offset);
    nextAfterSeen.merge(tp, offset + 1, Math::max);
  }

  void done(TopicPartition tp, long offset) {
    TreeSet<Long> r = running.get(tp);
    if (r != null) {
      r.remove(offset);
    }
    Promise<Void> handOver = handOvers.get(tp);
    if (handOver != null && running(tp) == 0) {
      handOver.tryComplete();
    }
  }

  /** Partitions being revoked: completes when none of their commands is running any more. */
  Future<Void> handOver(Set<TopicPartition> partitions) {
    List<Future<Void>> all = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      Promise<Void> handOver = Promise.promise();
      handOvers.put(tp, handOver);
      if (running(tp) == 0) {
        handOver.complete();
      }
      all.add(handOver.future());
    }
    return Future.join(all).mapEmpty();
  }

  /** True while {@code tp} is being handed over: no new command of it may start. */
  boolean handingOver(TopicPartition tp) {
    return handOvers.containsKey(tp);
  }

  /** Assigned (again): a partition that comes back after a revocation is ours. */
  void assigned(TopicPartition tp) {
    handOvers.remove(tp);
  }

  /** Offsets to commit now (Kafka's meaning: the next offset to read), only where they moved. */
  Map<TopicPartition, Long> toCommit() {
    Map<TopicPartition, Long> out = new HashMap<>();
    nextAfterSeen.forEach((tp, next) -> {
      TreeSet<Long> r = running.get(tp);
      long commitAt = r == null || r.isEmpty() ? next : r.first();
      if (!Long.valueOf(commitAt).equals(committed.get(tp))) {
        out.put(tp, commitAt);
      }
    });
    return out;
  }

  void committed(Map<TopicPartition, Long> offsets) {
    committed.putAll(offsets);
  }

  /** A partition taken away by a rebalance: its progress is no longer ours to commit. */
  void forget(TopicPartition tp) {
    handOvers.remove(tp);
    running.remove(tp);
    nextAfterSeen.remove(tp);
    committed.remove(tp);
  }

  boolean owns(TopicPartition tp) {
    return nextAfterSeen.containsKey(tp);
  }

  /** Commands received from {@code tp} and not yet done. */
  int running(TopicPartition tp) {
    TreeSet<Long> r = running.get(tp);
    return r == null ? 0 : r.size();
  }
}
