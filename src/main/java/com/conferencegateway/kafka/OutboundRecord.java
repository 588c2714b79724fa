package com.conferencegateway.kafka;

import io.vertx.kafka.client.producer.KafkaHeader;
import java.util.List;

/** One record the gateway writes: where, under which key, what, and its headers. */
public record OutboundRecord(String topic, String key, byte[] value, List<KafkaHeader> headers) {}
