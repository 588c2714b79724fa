package com.conferencegateway.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Pushes received, answered by code, and the time from receipt to answer. */
final class PushMetrics {
  // A dozen buckets, not Micrometer's seventy: recording a push's latency stays cheap.
  private static final Duration[] BUCKETS = java.util.stream.LongStream.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000,
      2000, 5000, 10_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
  private final MeterRegistry registry;
  // Meters are built once per tag set and found by ordinal on a push (map lookups were 5% of an event loop).
  private final Counter[] received = new Counter[Endpoint.values().length];
  private final Counter[][] answered = new Counter[Endpoint.values().length][PushCode.values().length];
  private final Timer[][] durations = new Timer[Endpoint.values().length][2];

  PushMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Endpoint e : Endpoint.values()) {
      received[e.ordinal()] = Counter.builder("gateway.pushes.received").tag("endpoint", e.tag)
          .description("Pushes received from the platform").register(registry);
      for (PushCode code : PushCode.values()) {
        answered[e.ordinal()][code.ordinal()] = Counter.builder("gateway.pushes.answered").tag("endpoint", e.tag)
            .tag("outcome", outcome(code)).tag("code", code.cdrCode()).tag("status", String.valueOf(code.httpStatus()))
            .description("Pushes answered, by outcome and answer code").register(registry);
      }
      for (boolean accepted : new boolean[] {true, false}) {
        durations[e.ordinal()][accepted ? 1 : 0] = Timer.builder("gateway.push.duration").tag("endpoint", e.tag)
            .tag("outcome", accepted ? "accepted" : "rejected")
            .description("From receipt to answer; for accepted pushes this includes Kafka's acknowledgement")
            .serviceLevelObjectives(BUCKETS).register(registry);
      }
    }
  }

  private static boolean accepted(PushCode code) {
    return code == PushCode.ACCEPTED || code == PushCode.DUPLICATE;
  }

  private static String outcome(PushCode code) {
    return accepted(code) ? "accepted" : "rejected";
  }

  void received(Endpoint endpoint) {
    received[endpoint.ordinal()].increment();
  }

  void answered(Endpoint endpoint, PushAnswer answer, long startNanos) {
    answered[endpoint.ordinal()][answer.code().ordinal()].increment();
    durations[endpoint.ordinal()][accepted(answer.code()) ? 1 : 0]
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
