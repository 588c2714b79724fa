package com.conferencegateway.command;

import com.conferencegateway.kafka.KafkaClientProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the command topic's consumer group to a {@link CommandPipeline}: a cooperative rebalance
 * protocol, so that only the partitions that move are revoked, and those are drained before they are
 * handed over ({@link CommandConsumer}); progress is committed every half second and at stop.
 */
public final class CommandVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CommandVerticle.class);
  private static final long COMMIT_EVERY_MS = 500;

  private final Map<String, String> consumerProperties;
  private final String topic;
  private final long drainMs;
  private final long revokeDrainMs;
  private final Function<CommandPipeline.Flow, CommandPipeline> pipelineFactory;
  private final MeterRegistry registry;
  private CommandConsumer consumer;
  private KafkaClientMetrics consumerMetrics;
  private long commitTimer;
  private long flowTimer;

  public CommandVerticle(Map<String, String> consumerProperties, String topic, long drainMs, long revokeDrainMs,
      Function<CommandPipeline.Flow, CommandPipeline> pipelineFactory, MeterRegistry registry) {
    this.consumerProperties = KafkaClientProperties.withCooperativeRebalancing(consumerProperties);
    this.topic = topic;
    this.drainMs = drainMs;
    this.revokeDrainMs = revokeDrainMs;
    this.pipelineFactory = pipelineFactory;
    this.registry = registry;
  }

  @Override
  public Future<?> start() {
    consumer = new CommandConsumer(consumerProperties, topic, context, pipelineFactory, revokeDrainMs);
    // Lag, fetch and commit rates of the command group on /metrics (Kafka's metrics() is thread-safe).
    consumerMetrics = new KafkaClientMetrics(consumer.metricsSource());
    consumerMetrics.bindTo(registry);
    consumer.start();
    commitTimer = vertx.setPeriodic(COMMIT_EVERY_MS, id -> consumer.commit());
    // The breaker opens and closes with time: look at it often.
    flowTimer = vertx.setPeriodic(200, id -> consumer.pipeline().adjustFlow());
    return Future.succeededFuture();
  }

  /** Finishes the commands in flight (bounded by the drain time), commits, closes. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(flowTimer);
    CommandPipeline pipeline = consumer.pipeline();
    return pipeline.drain()
        .timeout(drainMs, TimeUnit.MILLISECONDS)
        .recover(e -> {
          LOG.warn("{} command(s) still running at shutdown; they will be redelivered", pipeline.inFlight());
          return Future.succeededFuture();
        })
        .compose(v -> {
          vertx.cancelTimer(commitTimer);
          return consumer.close();
        })
        .eventually(() -> {
          consumerMetrics.close();
          return Future.succeededFuture();
        });
  }
}
