package com.conferencegateway.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.time.Duration;
import java.util.EnumMap;
import java.util.concurrent.TimeUnit;

/** Pushes received, answered by code, and the time from receipt to answer. */
final class PushMetrics {
  // A dozen buckets, not Micrometer's seventy: recording a push's latency stays cheap.
  private static final Duration[] BUCKETS = java.util.stream.LongStream.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000,
      2000, 5000, 10_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
  private final MeterRegistry registry;
  // Meters are looked up once per tag set, never built on a push.
  private final Map<Endpoint, Counter> received = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Map<PushCode, Counter>> answered = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Map<Boolean, Timer>> durations = new EnumMap<>(Endpoint.class);

  PushMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Endpoint e : Endpoint.values()) {
      received.put(e, Counter.builder("gateway.pushes.received").tag("endpoint", e.tag)
          .description("Pushes received from the platform").register(registry));
      Map<PushCode, Counter> byCode = new EnumMap<>(PushCode.class);
      for (PushCode code : PushCode.values()) {
        byCode.put(code, Counter.builder("gateway.pushes.answered").tag("endpoint", e.tag)
            .tag("outcome", outcome(code)).tag("code", code.cdrCode()).tag("status", String.valueOf(code.httpStatus()))
            .description("Pushes answered, by outcome and answer code").register(registry));
      }
      answered.put(e, byCode);
      Map<Boolean, Timer> byOutcome = new java.util.HashMap<>();
      for (boolean accepted : new boolean[] {true, false}) {
        byOutcome.put(accepted, Timer.builder("gateway.push.duration").tag("endpoint", e.tag)
            .tag("outcome", accepted ? "accepted" : "rejected")
            .description("From receipt to answer; for accepted pushes this includes Kafka's acknowledgement")
            .serviceLevelObjectives(BUCKETS).register(registry));
      }
      durations.put(e, byOutcome);
    }
  }

  private static String outcome(PushCode code) {
    return code == PushCode.ACCEPTED || code == PushCode.DUPLICATE ? "accepted" : "rejected";
  }

  void received(Endpoint endpoint) {
    received.get(endpoint).increment();
  }

  void answered(Endpoint endpoint, PushAnswer answer, long startNanos) {
    answered.get(endpoint).get(answer.code()).increment();
    durations.get(endpoint).get(outcome(answer.code()).equals("accepted"))
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
