package com.conferencegateway.account;

import com.conferencegateway.kafka.KafkaClientProperties;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes this process one of the key owners: a member of their consumer group on the key-requests
 * topic ({@link KeyOwnerConsumer}), answering requests with a {@link KeyOwner} on this verticle's
 * event loop. Stopping leaves the group, so the partitions move to another owner at once.
 */
public final class KeyOwnerVerticle extends VerticleBase {
  private final Map<String, String> consumerProperties;
  private final String topic;
  private final KeyOwner owner;
  private final Supplier<Future<Void>> accountsReadToEnd;
  private final long batchTimeoutMs;
  private KeyOwnerConsumer consumer;

  /**
   * @param consumerProperties the group's consumer settings; requests not yet answered by anyone are
   *     read from the earliest offset, and a dead owner is replaced after 10 s unless configured otherwise
   */
  public KeyOwnerVerticle(Map<String, String> consumerProperties, String topic, KeyOwner owner,
      Supplier<Future<Void>> accountsReadToEnd, long batchTimeoutMs) {
    Map<String, String> p = KafkaClientProperties.withCooperativeRebalancing(consumerProperties);
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", "false");
    p.put("max.poll.records", "100");
    p.putIfAbsent("session.timeout.ms", "10000");
    p.putIfAbsent("heartbeat.interval.ms", "2000");
    this.consumerProperties = p;
    this.topic = topic;
    this.owner = owner;
    this.accountsReadToEnd = accountsReadToEnd;
    this.batchTimeoutMs = batchTimeoutMs;
  }

  @Override
  public Future<?> start() {
    consumer = new KeyOwnerConsumer(consumerProperties, topic, context, owner::handle, accountsReadToEnd,
        batchTimeoutMs);
    consumer.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return consumer.close();
  }
}
