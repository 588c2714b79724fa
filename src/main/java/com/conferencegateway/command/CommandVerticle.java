package com.conferencegateway.command;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the command topic's consumer group to a {@link CommandPipeline}, and commits its progress. */
public final class CommandVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CommandVerticle.class);
  private static final long COMMIT_EVERY_MS = 500;

  private final Map<String, String> consumerProperties;
  private final String topic;
  private final long drainMs;
  private final Function<CommandPipeline.Flow, CommandPipeline> pipelineFactory;
  private KafkaConsumer<String, byte[]> consumer;
  private CommandPipeline pipeline;
  private long commitTimer;
  private long flowTimer;

  public CommandVerticle(Map<String, String> consumerProperties, String topic, long drainMs,
      Function<CommandPipeline.Flow, CommandPipeline> pipelineFactory) {
    this.consumerProperties = consumerProperties;
    this.topic = topic;
    this.drainMs = drainMs;
    this.pipelineFactory = pipelineFactory;
  }

  @Override
  public Future<?> start() {
    consumer = KafkaConsumer.create(vertx, consumerProperties);
    consumer.pollTimeout(Duration.ofMillis(100));
    pipeline = pipelineFactory.apply(new CommandPipeline.Flow() {
      @Override
      public void pause() {
        consumer.pause();
      }

      @Override
      public void resume() {
        consumer.resume();
      }
    });
    consumer.exceptionHandler(e -> LOG.warn("Command consumer: {}", e.getMessage()));
    consumer.partitionsRevokedHandler(partitions -> commit().onComplete(ar -> pipeline.revoked(partitions)));
    consumer.handler(pipeline::accept);
    commitTimer = vertx.setPeriodic(COMMIT_EVERY_MS, id -> commit());
    // The breaker opens and closes with time: look at it often.
    flowTimer = vertx.setPeriodic(200, id -> pipeline.adjustFlow());
    return consumer.subscribe(topic);
  }

  /** Finishes the commands in flight (bounded by the drain time), commits, closes. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(flowTimer);
    return pipeline.drain()
        .timeout(drainMs, TimeUnit.MILLISECONDS)
        .recover(e -> {
          LOG.warn("{} command(s) still running at shutdown; they will be redelivered", pipeline.inFlight());
          return Future.succeededFuture();
        })
        .compose(v -> commit())
        .eventually(() -> {
          vertx.cancelTimer(commitTimer);
          return consumer.close();
        });
  }

  private Future<Void> commit() {
    Map<TopicPartition, Long> offsets = pipeline.committable();
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    offsets.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset, "")));
    return consumer.commit(commit)
        .onSuccess(v -> pipeline.committed(offsets))
        .onFailure(e -> LOG.warn("Committing command offsets failed: {}", e.getMessage()))
        .mapEmpty();
  }
}
