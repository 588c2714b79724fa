package com.conferencegateway.support;

import io.vertx.core.Future;

/**
 * One part of a running gateway: it owns its wiring and its share of readiness. The gateway starts
 * its modules in order and stops them in reverse.
 */
public interface Module {
  /** Starts what serves at once (servers, consumers); work that waits for Kafka goes on in the background. */
  Future<Void> start();

  /** Finishes what is in flight and releases what {@link #start()} took. */
  Future<Void> stop();
}
