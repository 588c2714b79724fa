package com.conferencegateway.command;

import com.conferencegateway.platform.PlatformBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/** Commands by type and status, platform call latency by call, retries, breaker state, in-flight. */
public final class CommandMetrics {
  private final MeterRegistry registry;

  public CommandMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void completed(CommandResult r) {
    Counter.builder("gateway.commands.completed").tag("type", r.type()).tag("status", r.status())
        .description("Commands carried out, by type and status").register(registry).increment();
  }

  public void platformCall(String call, long startNanos, boolean answered) {
    Timer.builder("gateway.platform.call").tag("call", call).tag("outcome", answered ? "answered" : "error")
        .description("Platform calls, from send to answer").publishPercentileHistogram().register(registry)
        .record(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  public void retry() {
    Counter.builder("gateway.platform.retries").description("Platform calls retried").register(registry).increment();
  }

  public void outcomeUnknown() {
    Counter.builder("gateway.platform.outcome.unknown")
        .description("Platform calls whose outcome was unknown and that were not repeated (sent to the DLQ)")
        .register(registry).increment();
  }

  public void watch(PlatformBreaker breaker, Supplier<Number> inFlight) {
    Gauge.builder("gateway.platform.breaker.open", breaker, b -> b.state() == PlatformBreaker.State.OPEN ? 1 : 0)
        .description("1 while the platform circuit breaker is open").register(registry);
    Gauge.builder("gateway.commands.inflight", inFlight).description("Commands received, not yet done")
        .register(registry);
  }
}
