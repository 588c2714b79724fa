package com.conferencegateway.ingress;

/** The push could not be made durable now (Kafka did not acknowledge in time, or shutdown): retry later. */
final class NotDurable extends RuntimeException {
  public NotDurable(String message, Throwable cause) {
    super(message, cause);
  }
}
