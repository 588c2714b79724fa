package com.conferencegateway.ingress;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The push server's deadlines for slow clients: a request's body must be complete within the body
 * timeout of its headers, and a kept-alive connection's next request must start within the header
 * timeout. One sweep over the open connections every so often checks them all: cheaper than a timer
 * set and cancelled on every request. Used on one event loop only.
 */
final class ConnectionGuard {
  private final long headerTimeoutNanos;
  private final long bodyTimeoutNanos;
  private final LongSupplier nanoClock;
  private final Map<HttpConnection, State> states = new HashMap<>();

  /** What a connection is doing: a request whose body is coming in, or waiting for the next one. */
  private static final class State {
    HttpServerRequest current;
    long since;
  }

  ConnectionGuard(long headerTimeoutMs, long bodyTimeoutMs, LongSupplier nanoClock) {
    this.headerTimeoutNanos = headerTimeoutMs * 1_000_000;
    this.bodyTimeoutNanos = bodyTimeoutMs * 1_000_000;
    this.nanoClock = nanoClock;
  }

  /** How often to sweep: a quarter of the shorter timeout, between 100 ms and 1 s. */
  long sweepEveryMs() {
    return Math.max(100, Math.min(1000, Math.min(headerTimeoutNanos, bodyTimeoutNanos) / 4_000_000));
  }

  void opened(HttpConnection connection) {
    State s = new State();
    s.since = nanoClock.getAsLong();
    states.put(connection, s);
  }

  void closed(HttpConnection connection) {
    states.remove(connection);
  }

  void requestStarted(HttpConnection connection, HttpServerRequest request) {
    State s = states.computeIfAbsent(connection, c -> new State());
    s.current = request;
    s.since = nanoClock.getAsLong();
  }

  void requestAnswered(HttpConnection connection) {
    State s = states.get(connection);
    if (s != null) {
      s.current = null;
      s.since = nanoClock.getAsLong();
    }
  }

  /** The connections past a deadline, each with why; the caller closes them. */
  List<Map.Entry<HttpConnection, String>> overdue() {
    long now = nanoClock.getAsLong();
    List<Map.Entry<HttpConnection, String>> late = new ArrayList<>();
    states.forEach((connection, s) -> {
      if (s.current != null) {
        if (!s.current.isEnded() && now - s.since > bodyTimeoutNanos) {
          late.add(Map.entry(connection, "the body took longer than " + bodyTimeoutNanos / 1_000_000_000 + " s"));
        }
      } else if (now - s.since > headerTimeoutNanos) {
        late.add(Map.entry(connection, "no complete request within " + headerTimeoutNanos / 1_000_000_000 + " s"));
      }
    });
    late.forEach(e -> states.remove(e.getKey()));
    return late;
  }
}
