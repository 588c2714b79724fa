package com.conferencegateway.command;

import io.vertx.kafka.client.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which offsets of each partition are done. The offset to commit is the lowest one not yet done:
 * a command finished early (another key) never lets the commit pass one still running.
 */
final class PartitionProgress {
  private final Map<TopicPartition, TreeSet<Long>> running = new HashMap<>();
  private final Map<TopicPartition, Long> nextAfterSeen = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  void received(TopicPartition tp, long offset) {
    running.computeIfAbsent(tp, k -> new TreeSet<>()).add(offset);
    nextAfterSeen.merge(tp, offset + 1, Math::max);
  }

  void done(TopicPartition tp, long offset) {
    TreeSet<Long> r = running.get(tp);
    if (r != null) {
      r.remove(offset);
    }
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
