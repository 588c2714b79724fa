package com.conferencegateway.reliability;

import com.conferencegateway.ingress.DemoPushes;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes the platform would send, from a few threads, each with a unique id (status: session id;
 * CDR: detailId), remembering how each was answered. What was not answered "accepted" can be sent
 * again later, as the platform retries.
 */
final class PushLoad {
  enum Outcome { ACCEPTED, DUPLICATE, REFUSED, NO_ANSWER }

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String run = Long.toString(System.nanoTime() % 1_000_000_000L);
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  final Map<String, Outcome> status = new ConcurrentHashMap<>();
  final Map<String, Outcome> cdrs = new ConcurrentHashMap<>();
  final Map<String, Integer> statusAnswers = new ConcurrentHashMap<>();

  void start(String baseUrl, int threadCount) {
    running.set(true);
    for (int t = 0; t < threadCount; t++) {
      Thread thread = new Thread(() -> {
        while (running.get()) {
          long n = sequence.incrementAndGet();
          if (n % 2 == 0) {
            String session = run + String.format("%020d", n);
            status.put(session, send(baseUrl + "/platform/status", statusBody(session), false));
          } else {
            String detail = run + "-" + n;
            cdrs.put(detail, send(baseUrl + "/platform/cdr", DemoPushes.cdrBatch(run + "s" + n, detail), true));
          }
        }
      }, "push-load-" + t);
      threads.add(thread);
      thread.start();
    }
  }

  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(20_000);
    }
    threads.clear();
  }

  static String statusBody(String session) {
    return DemoPushes.status(session, "13900000001", "RINGING", "20261129100000000");
  }

  Outcome send(String url, String body, boolean cdr) {
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      JsonObject answer = new JsonObject(r.body());
      String code = cdr ? answer.getString("code") : answer.getString("result");
      if (r.statusCode() == 200 && ("0".equals(code) || "0000".equals(code))) {
        return Outcome.ACCEPTED;
      }
      if (r.statusCode() == 200 && "0002".equals(code)) {
        return Outcome.DUPLICATE;
      }
      return Outcome.REFUSED;
    } catch (Exception e) {
      return Outcome.NO_ANSWER;
    }
  }

  static Set<String> with(Map<String, Outcome> outcomes, Outcome... wanted) {
    Set<Outcome> w = Set.of(wanted);
    Set<String> ids = ConcurrentHashMap.newKeySet();
    outcomes.forEach((id, o) -> {
      if (w.contains(o)) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Sends again, as the platform does, every push not yet taken; until all are taken or the time is up. */
  void retryUntilTaken(String baseUrl, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      boolean pending = false;
      for (var e : status.entrySet()) {
        if (e.getValue() == Outcome.REFUSED || e.getValue() == Outcome.NO_ANSWER) {
          e.setValue(send(baseUrl + "/platform/status", statusBody(e.getKey()), false));
          pending |= e.getValue() != Outcome.ACCEPTED;
        }
      }
      for (var e : cdrs.entrySet()) {
        if (e.getValue() == Outcome.REFUSED || e.getValue() == Outcome.NO_ANSWER) {
          String session = run + "s" + e.getKey().substring(e.getKey().indexOf('-') + 1);
          e.setValue(send(baseUrl + "/platform/cdr", DemoPushes.cdrBatch(session, e.getKey()), true));
          pending |= e.getValue() == Outcome.REFUSED || e.getValue() == Outcome.NO_ANSWER;
        }
      }
      if (!pending) {
        return;
      }
      Thread.sleep(500);
    }
  }
}
