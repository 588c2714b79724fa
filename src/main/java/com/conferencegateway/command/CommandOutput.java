package com.conferencegateway.command;

import com.conferencegateway.kafka.CloudEvent;
import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.kafka.OutboundRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes what the command processor produces: results, and the DLQ copy of commands that could not
 * be carried out (invalid) or whose outcome is unknown (to reconcile).
 */
public final class CommandOutput implements CommandPipeline.Output {
  static final String SOURCE = "/conference-gateway/command";

  private final KafkaPublisher publisher;
  private final String resultTopic;
  private final String dlqTopic;
  private final long timeoutMs;
  private final Clock clock;

  public CommandOutput(KafkaPublisher publisher, String resultTopic, String dlqTopic, long timeoutMs, Clock clock) {
    this.publisher = publisher;
    this.resultTopic = resultTopic;
    this.dlqTopic = dlqTopic;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  public Future<Void> result(String key, JsonObject result, String traceparent) {
    CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), SOURCE, "conference.command.result",
        clock.instant(), result.getString("sessionId"), traceparent);
    return publisher.publish(new OutboundRecord(resultTopic, key, result.toBuffer().getBytes(), event.headers()),
        timeoutMs);
  }

  /** The command's original bytes and headers, plus why it could not be carried out and where it came from. */
  public Future<Void> deadLetter(KafkaConsumerRecord<String, byte[]> record, String errorCode, String errorMessage,
      String traceparent) {
    List<Header> headers = new ArrayList<>();
    for (KafkaHeader h : record.headers()) {
      if (!h.key().equals("traceparent")) {
        headers.add(new RecordHeader(h.key(), h.value().getBytes()));
      }
    }
    if (traceparent != null) {
      headers.add(CloudEvent.header("traceparent", traceparent));
    }
    headers.add(CloudEvent.header("dlq.error.code", errorCode));
    headers.add(CloudEvent.header("dlq.error.message", errorMessage == null ? "" : errorMessage));
    headers.add(CloudEvent.header("dlq.original.topic", record.topic()));
    headers.add(CloudEvent.header("dlq.original.partition", Integer.toString(record.partition())));
    headers.add(CloudEvent.header("dlq.original.offset", Long.toString(record.offset())));
    return publisher.publish(new OutboundRecord(dlqTopic, record.key(), record.value(), headers), timeoutMs);
  }
}
