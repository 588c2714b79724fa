package com.conferencegateway.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes call states and CDRs as the platform does: POST JSON, retried with backoff until the
 * receiver answers success, never after it. Pushes of one session go out in order.
 */
final class PushSender {
  private static final com.conferencegateway.support.Backoff BACKOFF = new com.conferencegateway.support.Backoff(100, 5000);
  private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);

  private final Vertx vertx;
  private final WebClient web;
  private final SimulatorFaults faults;
  private final int maxAttempts;
  private final Map<String, Future<Void>> lastPerSession = new HashMap<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  // Pushes queued or being retried. Bounded: a receiver slower than the pushes would otherwise
  // grow this without end (in dev mode, inside the gateway's own heap).
  private static final int MAX_BACKLOG = 20_000;
  private int backlog;

  public PushSender(Vertx vertx, WebClient web, SimulatorFaults faults, int maxAttempts) {
    this.vertx = vertx;
    this.web = web;
    this.faults = faults;
    this.maxAttempts = maxAttempts;
  }

  /** Queues a push after the session's earlier ones; completes when delivered (or given up). */
  public synchronized Future<Void> push(String sessionId, String url, Supplier<JsonObject> body, boolean cdr) {
    if (backlog >= MAX_BACKLOG) {
      if (dropped.incrementAndGet() % 1000 == 1) {
        LOG.warn("{} pushes waiting: the receiver is too slow; push dropped ({} dropped so far)", backlog, dropped.get());
      }
      return Future.succeededFuture();
    }
    backlog++;
    Future<Void> previous = lastPerSession.getOrDefault(sessionId, Future.succeededFuture());
    Future<Void> next = previous.eventually(() -> deliver(url, body, cdr));
    lastPerSession.put(sessionId, next);
    next.onComplete(ar -> forget(sessionId, next));
    return next;
  }

  private synchronized void forget(String sessionId, Future<Void> done) {
    backlog--;
    lastPerSession.remove(sessionId, done);
  }

  public long dropped() {
    return dropped.get();
  }

  public long delivered() {
    return delivered.get();
  }

  public long attempts() {
    return attempts.get();
  }

  /** The URL without its query: it may carry the receiver's push token. */
  private static String shown(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  /** The body is built here, once it is known to be sent. */
  private Future<Void> deliver(String url, Supplier<JsonObject> body, boolean cdr) {
    if (url == null || url.isBlank()) {
      return Future.succeededFuture();
    }
    if (faults.dropNextPush()) {
      LOG.debug("Push to {} dropped (fault injected)", shown(url));
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    attempt(url, body.get().toBuffer(), cdr, 1, done);
    return done.future();
  }

  private void attempt(String url, Buffer body, boolean cdr, int attempt, Promise<Void> done) {
    attempts.incrementAndGet();
    web.postAbs(url).timeout(15_000).putHeader("content-type", "application/json;charset=UTF-8")
        .sendBuffer(body)
        .onComplete(ar -> {
          String outcome = ar.succeeded() ? outcome(ar.result(), cdr) : ar.cause().getClass().getSimpleName();
          if (outcome == null) {
            delivered.incrementAndGet();
            LOG.debug("Push to {} delivered (attempt {})", shown(url), attempt);
            done.complete();
          } else if (attempt >= maxAttempts) {
            LOG.warn("Push to {} given up after {} attempts: {}", shown(url), attempt, outcome);
            done.complete();
          } else {
            long backoff = BACKOFF.delayMs(attempt);
            LOG.info("Push to {} attempt {} failed ({}); retrying in {} ms", shown(url), attempt, outcome, backoff);
            vertx.setTimer(backoff, id -> attempt(url, body, cdr, attempt + 1, done));
          }
        });
  }

  /** Null when the receiver took the push; else why not. */
  private static String outcome(HttpResponse<Buffer> response, boolean cdr) {
    if (response.statusCode() != 200) {
      return "HTTP " + response.statusCode();
    }
    try {
      JsonObject answer = response.bodyAsJsonObject();
      String code = cdr ? answer.getString("code") : answer.getString("result");
      boolean ok = cdr ? ("0000".equals(code) || "0002".equals(code)) : "0".equals(code);
      return ok ? null : "answer " + code;
    } catch (RuntimeException e) {
      return "answer not JSON";
    }
  }
}
