package com.conferencegateway.kafka;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The property maps handed to the Kafka producer, consumer and admin client: ours, then the
 * operator's pass-through ({@code kafka.common}, then the client's own section), then the few
 * settings the gateway's durability promise depends on, which cannot be overridden.
 */
public final class KafkaClientProperties {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaClientProperties.class);

  private KafkaClientProperties() {}

  public static Map<String, String> producer(KafkaSettings kafka, String clientId) {
    Map<String, String> p = base(kafka, clientId);
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
    p.put("batch.size", "65536");
    p.put("delivery.timeout.ms", "30000");
    p.put("request.timeout.ms", "10000");
    p.put("max.block.ms", "5000");
    p.putAll(kafka.producer());
    // A push is answered "accepted" only after every in-sync replica has it, once.
    enforce(p, "acks", "all");
    enforce(p, "enable.idempotence", "true");
    return p;
  }

  public static Map<String, String> consumer(KafkaSettings kafka, String clientId, String groupId) {
    Map<String, String> p = base(kafka, clientId);
    p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    if (groupId != null) {
      p.put("group.id", groupId);
    }
    p.putAll(kafka.consumer());
    // Offsets are committed by the gateway, only up to what is done.
    enforce(p, "enable.auto.commit", "false");
    return p;
  }

  /**
   * A consumer group's properties with cooperative-sticky rebalancing, so that only the partitions
   * that move are revoked, unless the operator chose otherwise (e.g. the broker-side protocol,
   * group.protocol=consumer).
   */
  public static Map<String, String> withCooperativeRebalancing(Map<String, String> properties) {
    Map<String, String> p = new HashMap<>(properties);
    if (!"consumer".equalsIgnoreCase(p.get("group.protocol"))) {
      p.putIfAbsent("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    }
    return p;
  }

  /**
   * A Kafka Streams application's properties: {@code settings} (the application's own defaults and the
   * operator's overrides) over the common ones; exactly-once cannot be turned off, since the fold's
   * store, its output and its offsets must move together.
   */
  public static Map<String, String> streams(KafkaSettings kafka, String applicationId, Map<String, String> settings) {
    Map<String, String> p = base(kafka, applicationId);
    p.put("application.id", applicationId);
    p.putAll(settings);
    p.put("application.id", applicationId);
    enforce(p, "processing.guarantee", "exactly_once_v2");
    return p;
  }

  public static Map<String, String> admin(KafkaSettings kafka, String clientId) {
    Map<String, String> p = base(kafka, clientId);
    p.put("request.timeout.ms", "5000");
    p.put("default.api.timeout.ms", "10000");
    p.putAll(kafka.admin());
    return p;
  }

  private static Map<String, String> base(KafkaSettings kafka, String clientId) {
    Map<String, String> p = new HashMap<>();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("client.id", clientId);
    // A broker that is down should be retried quickly, not hammered.
    p.put("reconnect.backoff.ms", "100");
    p.put("reconnect.backoff.max.ms", "2000");
    p.putAll(kafka.common());
    p.put("bootstrap.servers", kafka.bootstrapServers());
    return p;
  }

  private static void enforce(Map<String, String> p, String key, String value) {
    String previous = p.put(key, value);
    if (previous != null && !previous.equalsIgnoreCase(value)) {
      LOG.warn("Kafka property {}={} ignored: the gateway requires {}={}", key, previous, key, value);
    }
  }
}
