package com.conferencegateway.kafka;

import com.conferencegateway.support.UtcTime;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The CloudEvents 1.0 attributes of one Kafka record, written in binary mode as {@code ce_*}
 * headers (the value is the event's data, JSON).
 */
public record CloudEvent(String id, String source, String type, Instant time, String subject, String traceparent) {
  public static final String SPEC_VERSION = "1.0";

  public List<KafkaHeader> headers() {
    List<KafkaHeader> h = new ArrayList<>(8);
    h.add(KafkaHeader.header("ce_specversion", SPEC_VERSION));
    h.add(KafkaHeader.header("ce_id", id));
    h.add(KafkaHeader.header("ce_source", source));
    h.add(KafkaHeader.header("ce_type", type));
    h.add(KafkaHeader.header("ce_time", UtcTime.millis(time)));
    if (subject != null && !subject.isEmpty()) {
      h.add(KafkaHeader.header("ce_subject", subject));
    }
    h.add(KafkaHeader.header("content-type", "application/json"));
    if (traceparent != null) {
      h.add(KafkaHeader.header("traceparent", traceparent));
    }
    return h;
  }
}
