package com.conferencegateway.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Pushes received, answered by code, and the time from receipt to answer. */
final class PushMetrics {
  private final MeterRegistry registry;

  PushMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void received(String endpoint) {
    Counter.builder("gateway.pushes.received").tag("endpoint", endpoint)
        .description("Pushes received from the platform").register(registry).increment();
  }

  void answered(String endpoint, PushAnswer answer, long startNanos) {
    String outcome = switch (answer.code()) {
      case ACCEPTED, DUPLICATE -> "accepted";
      default -> "rejected";
    };
    Counter.builder("gateway.pushes.answered")
        .tag("endpoint", endpoint).tag("outcome", outcome).tag("code", answer.code().cdrCode())
        .description("Pushes answered, by outcome and answer code").register(registry).increment();
    Timer.builder("gateway.push.duration").tag("endpoint", endpoint).tag("outcome", outcome)
        .description("From receipt to answer; for accepted pushes this includes Kafka's acknowledgement")
        .publishPercentileHistogram()
        .register(registry).record(Duration.ofNanos(System.nanoTime() - startNanos));
  }
}
