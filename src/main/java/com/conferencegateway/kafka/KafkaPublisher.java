package com.conferencegateway.kafka;

import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes records and completes only when Kafka has acknowledged every one of them (the producer
 * runs with acks=all and idempotence), or fails when that did not happen within the timeout.
 */
public final class KafkaPublisher {
  private final KafkaProducer<String, byte[]> producer;

  public KafkaPublisher(KafkaProducer<String, byte[]> producer) {
    this.producer = producer;
  }

  public Future<Void> publish(List<OutboundRecord> records, long timeoutMs) {
    List<Future<?>> acks = new ArrayList<>(records.size());
    for (OutboundRecord r : records) {
      KafkaProducerRecord<String, byte[]> record = KafkaProducerRecord.create(r.topic(), r.key(), r.value());
      record.addHeaders(r.headers());
      acks.add(producer.send(record));
    }
    return Future.all(acks).<Void>mapEmpty().timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  public Future<Void> publish(OutboundRecord record, long timeoutMs) {
    return publish(List.of(record), timeoutMs);
  }

  public Future<Void> flush() {
    return producer.flush();
  }
}
