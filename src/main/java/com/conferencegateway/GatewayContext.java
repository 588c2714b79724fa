package com.conferencegateway;

import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.ops.GatewayMetrics;
import com.conferencegateway.ops.Readiness;
import com.conferencegateway.support.Backoff;
import com.conferencegateway.support.Retry;
import com.conferencegateway.support.Timers;
import com.conferencegateway.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.Supplier;

/** What every module of one gateway shares: Vert.x, the effective configuration, readiness, metrics, the clock. */
record GatewayContext(Vertx vertx, GatewayConfig config, Readiness readiness, GatewayMetrics metrics, Clock clock,
    Tracing tracing) {
  // Waiting for Kafka at start: quick at first, then every 5 s.
  private static final Backoff STATE_LOADING = new Backoff(500, 5_000);

  Timers timers() {
    return Timers.of(vertx);
  }

  /** Runs {@code step} until it succeeds or the gateway stops; see {@link Retry}. */
  Future<Void> untilDone(String what, Supplier<Future<Void>> step) {
    return Retry.untilDone(what, step, timers(), STATE_LOADING, readiness::isDraining);
  }
}
