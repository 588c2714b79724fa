package com.conferencegateway.support;

/** Runs a task later; Vert.x's setTimer in the gateway, a manual clock in unit tests. Never a sleep. */
@FunctionalInterface
public interface Timers {
  void after(long delayMs, Runnable task);

  /** Timers on {@code vertx}: the task runs on the caller's context. */
  static Timers of(io.vertx.core.Vertx vertx) {
    return (delayMs, task) -> vertx.setTimer(Math.max(1, delayMs), id -> task.run());
  }
}
