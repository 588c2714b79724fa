package com.conferencegateway.kafka;

/** Kafka cannot be reached, or lacks what the gateway needs; the message says what to check. */
final class KafkaUnavailable extends RuntimeException {
  public KafkaUnavailable(String message) {
    super(message);
  }
}
