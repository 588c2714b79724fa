package com.conferencegateway.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Pushes received, answered by code, and the time from receipt to answer. */
final class PushMetrics {
  private final MeterRegistry registry;
  // Meters are looked up once per tag set, not built on every push.
  private final Map<String, Counter> received = new ConcurrentHashMap<>();
  private final Map<String, Counter> answered = new ConcurrentHashMap<>();
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();

  PushMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void received(String endpoint) {
    received.computeIfAbsent(endpoint, e -> Counter.builder("gateway.pushes.received").tag("endpoint", e)
        .description("Pushes received from the platform").register(registry)).increment();
  }

  void answered(String endpoint, PushAnswer answer, long startNanos) {
    String outcome = switch (answer.code()) {
      case ACCEPTED, DUPLICATE -> "accepted";
      default -> "rejected";
    };
    String code = answer.code().cdrCode();
    answered.computeIfAbsent(endpoint + "/" + answer.code().name(), k -> Counter.builder("gateway.pushes.answered")
        .tag("endpoint", endpoint).tag("outcome", outcome).tag("code", code)
        .tag("status", String.valueOf(answer.code().httpStatus()))
        .description("Pushes answered, by outcome and answer code").register(registry)).increment();
    durations.computeIfAbsent(endpoint + "/" + outcome, k -> Timer.builder("gateway.push.duration")
        .tag("endpoint", endpoint).tag("outcome", outcome)
        .description("From receipt to answer; for accepted pushes this includes Kafka's acknowledgement")
        .publishPercentileHistogram().register(registry)).record(Duration.ofNanos(System.nanoTime() - startNanos));
  }
}
