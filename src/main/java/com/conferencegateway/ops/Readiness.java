package com.conferencegateway.ops;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What /health/ready answers: every check must pass. Checks are named so that the body of a 503
 * says which one failed and why.
 */
public final class Readiness {
  // Modules add their checks as they start, on their own event loops, while probes are answered.
  private final Map<String, Supplier<Future<Void>>> checks = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile boolean deployed;
  private volatile boolean draining;
  private volatile String startupProblem;
  private volatile boolean lastReady;

  public Readiness() {
    checks.put("verticles", () -> deployed
        ? Future.succeededFuture()
        : Future.failedFuture(startupProblem != null ? startupProblem : "verticles are not deployed yet"));
    checks.put("shutdown", () -> draining
        ? Future.failedFuture("the gateway is shutting down")
        : Future.succeededFuture());
  }

  /** Adds a named check; modules add theirs when they start. */
  public Readiness check(String name, Supplier<Future<Void>> check) {
    checks.put(name, check);
    return this;
  }

  public void deployed() {
    this.deployed = true;
  }

  public void draining() {
    this.draining = true;
  }

  public boolean isDraining() {
    return draining;
  }

  public void startupProblem(String problem) {
    this.startupProblem = problem;
  }

  /** The report; {@code ready} is true only when every check passed. */
  public Future<Report> evaluate() {
    Map<String, Supplier<Future<Void>>> now;
    synchronized (checks) {
      now = new LinkedHashMap<>(checks);
    }
    Map<String, Future<Void>> running = new LinkedHashMap<>();
    now.forEach((name, check) -> running.put(name, safely(check)));
    return Future.join(running.values().stream().toList()).transform(ignored -> {
      JsonObject body = new JsonObject();
      JsonObject results = new JsonObject();
      boolean ready = true;
      for (var e : running.entrySet()) {
        if (e.getValue().succeeded()) {
          results.put(e.getKey(), new JsonObject().put("status", "UP"));
        } else {
          ready = false;
          results.put(e.getKey(), new JsonObject().put("status", "DOWN")
              .put("reason", String.valueOf(e.getValue().cause().getMessage())));
        }
      }
      body.put("status", ready ? "UP" : "DOWN").put("checks", results);
      lastReady = ready;
      return Future.succeededFuture(new Report(ready, body));
    });
  }

  private static Future<Void> safely(Supplier<Future<Void>> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** The outcome of the last evaluation (the kubelet's probe keeps it fresh): 1 ready, 0 not. */
  public double lastReady() {
    return lastReady ? 1 : 0;
  }

  public record Report(boolean ready, JsonObject body) {}
}
