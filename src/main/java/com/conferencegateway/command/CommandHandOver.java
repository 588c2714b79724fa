package com.conferencegateway.command;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.kafka.client.common.TopicPartition;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command consumer's rebalance listener. Kafka calls it on the consumer's thread, inside poll:
 * blocking here holds the rebalance, as intended. A revoked partition is handed over only once its
 * commands in flight are done (up to {@code revokeDrainMs}) and their offsets committed.
 */
final class CommandHandOver implements ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(CommandHandOver.class);

  private final Context context;
  private final CommandPipeline pipeline;
  private final long revokeDrainMs;
  private final BooleanSupplier closing;
  private final Consumer<Map<TopicPartition, Long>> commitSync;

  CommandHandOver(Context context, CommandPipeline pipeline, long revokeDrainMs, BooleanSupplier closing,
      Consumer<Map<TopicPartition, Long>> commitSync) {
    this.context = context;
    this.pipeline = pipeline;
    this.revokeDrainMs = revokeDrainMs;
    this.closing = closing;
    this.commitSync = commitSync;
  }

  @Override
  public void onPartitionsRevoked(Collection<org.apache.kafka.common.TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    Set<TopicPartition> revoked = vertx(partitions);
    if (closing.getAsBoolean()) {
      context.runOnContext(v -> pipeline.released(revoked));
      return; // close() commits what the drained pipeline finished
    }
    long start = System.nanoTime();
    CompletableFuture<Map<TopicPartition, Long>> drained = new CompletableFuture<>();
    context.runOnContext(v -> pipeline.revoke(revoked)
        .timeout(revokeDrainMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.succeededFuture(pipeline.committableOf(revoked)))
        .onComplete(ar -> drained.complete(ar.result())));
    Map<TopicPartition, Long> offsets;
    try {
      offsets = drained.get(revokeDrainMs + 2000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      offsets = Map.of();
      LOG.warn("Partitions {} revoked before their commands finished; those will be delivered again", revoked);
    }
    commitSync.accept(offsets);
    context.runOnContext(v -> pipeline.released(revoked));
    LOG.info("Partitions {} handed over after {} ms: commands in flight finished, offsets {} committed", revoked,
        (System.nanoTime() - start) / 1_000_000, offsets);
  }

  @Override
  public void onPartitionsLost(Collection<org.apache.kafka.common.TopicPartition> partitions) {
    // Lost, not handed over (session timed out): nothing may be committed for them any more.
    Set<TopicPartition> lost = vertx(partitions);
    context.runOnContext(v -> pipeline.released(lost));
    LOG.warn("Partitions {} lost: their commands in flight will be delivered again to the new owner", lost);
  }

  @Override
  public void onPartitionsAssigned(Collection<org.apache.kafka.common.TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      Set<TopicPartition> assigned = vertx(partitions);
      context.runOnContext(v -> pipeline.assigned(assigned));
      LOG.info("Partitions {} assigned", assigned);
    }
  }

  private static Set<TopicPartition> vertx(Collection<org.apache.kafka.common.TopicPartition> partitions) {
    Set<TopicPartition> out = new HashSet<>();
    partitions.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
    return out;
  }
}
