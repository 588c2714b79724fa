package com.conferencegateway.kafka;

import com.conferencegateway.support.UtcTime;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The CloudEvents 1.0 attributes of one Kafka record, written in binary mode as {@code ce_*}
 * headers (the value is the event's data, JSON).
 */
public record CloudEvent(String id, String source, String type, Instant time, String subject, String traceparent) {
  public static final String SPEC_VERSION = "1.0";

  // Header values that never change, encoded once.
  private static final Header SPEC = header("ce_specversion", SPEC_VERSION);
  private static final Header JSON = header("content-type", "application/json");
  // Sources and types are a handful of constants: each encoded once too, and shared by every record.
  private static final ConcurrentMap<String, Header> SOURCES = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, Header> TYPES = new ConcurrentHashMap<>();

  public List<Header> headers() {
    List<Header> h = new ArrayList<>(8);
    h.add(SPEC);
    h.add(header("ce_id", id));
    h.add(SOURCES.computeIfAbsent(source, v -> header("ce_source", v)));
    h.add(TYPES.computeIfAbsent(type, v -> header("ce_type", v)));
    h.add(header("ce_time", UtcTime.millis(time)));
    if (subject != null && !subject.isEmpty()) {
      h.add(header("ce_subject", subject));
    }
    h.add(JSON);
    if (traceparent != null) {
      h.add(header("traceparent", traceparent));
    }
    return h;
  }

  public static Header header(String key, String value) {
    return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
