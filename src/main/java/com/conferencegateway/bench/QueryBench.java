package com.conferencegateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /conferences/{sessionId}} on a process's query port at a fixed rate, for conferences
 * sampled from a walk of the list first: latency from when each query was due, answers by status.
 * Ask a process that folds few of the sampled conferences to measure forwarding.
 */
final class QueryBench {
  private final String baseUrl;
  private final String token;
  private final long rate;
  private final int connections;
  private final int sample;
  private final Duration duration;
  private final Duration warmup;
  private final LatencyRecorder recorder = new LatencyRecorder();
  private final AtomicLong inFlight = new AtomicLong();
  private long measureFrom;

  QueryBench(BenchOptions o) {
    this.baseUrl = o.text("url", "http://localhost:8082");
    this.token = o.text("token", "");
    this.rate = o.number("rate", 1000);
    this.connections = (int) o.number("connections", 16);
    this.sample = (int) o.number("sample", 10_000);
    this.duration = Duration.ofSeconds(o.number("duration", 30));
    this.warmup = Duration.ofSeconds(o.number("warmup", 10));
    if (rate <= 0) {
      throw new IllegalArgumentException("--rate must be more than 0 queries per second");
    }
  }

  JsonObject run() throws Exception {
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    URI uri = URI.create(baseUrl);
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(30)
            .setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort() < 0 ? 80 : uri.getPort()),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    List<String> sessions = walk(client);
    if (sessions.isEmpty()) {
      throw new IllegalArgumentException("the query API at " + baseUrl + " lists no conference: nothing to ask for");
    }
    System.err.printf("bench query: %s, %d conferences sampled, %d queries/s over %d connections, %d s after %d s%n",
        baseUrl, sessions.size(), rate, connections, duration.toSeconds(), warmup.toSeconds());
    CompletableFuture<Void> done = new CompletableFuture<>();
    long start = System.nanoTime();
    measureFrom = start + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    long progress = vertx.setPeriodic(1000, id -> System.err.printf("  %3ds  answered %,d  in flight %,d  p99 %.1f ms%n",
        (System.nanoTime() - start) / 1_000_000_000, recorder.count(), inFlight.get(), recorder.percentileMillis(99)));
    OpenLoop.run(vertx, rate, warmup.toNanos() / 2, start, end,
        due -> ask(client, sessions.get(ThreadLocalRandom.current().nextInt(sessions.size())), due), inFlight, done);
    done.get(warmup.toSeconds() + duration.toSeconds() + 60, TimeUnit.SECONDS);
    vertx.cancelTimer(progress);
    double seconds = (System.nanoTime() - measureFrom) / 1e9;
    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close();
    JsonObject report = recorder.toJson(seconds);
    report.put("windowStartNanos", measureFrom).put("windowEndNanos", measureFrom + (long) (seconds * 1e9));
    long failed = recorder.count() - recorder.count("200");
    return report.put("mode", "open-loop " + rate + "/s").put("connections", connections)
        .put("sampled", sessions.size()).put("notAnswered200", failed);
  }

  private RequestOptions get(String pathAndQuery) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI(pathAndQuery);
    return token.isEmpty() ? options : options.putHeader("Authorization", "Bearer " + token);
  }

  /** Up to {@code sample} session ids, from the list's pages. */
  private List<String> walk(HttpClient client) throws Exception {
    List<String> ids = new ArrayList<>();
    String next = null;
    do {
      String page = "/conferences?limit=1000" + (next == null ? "" : "&after=" + URLEncoder.encode(next,
          StandardCharsets.UTF_8));
      JsonObject body = client.request(get(page)).compose(r -> r.send()).compose(r -> r.statusCode() == 200
              ? r.body() : Future.failedFuture(new IllegalStateException(page + " answered " + r.statusCode())))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).toJsonObject();
      body.getJsonArray("conferences").forEach(c -> ids.add(((JsonObject) c).getString("sessionId")));
      next = body.getString("next");
    } while (next != null && ids.size() < sample);
    return ids.size() > sample ? ids.subList(0, sample) : ids;
  }

  private void ask(HttpClient client, String sessionId, long intendedNanos) {
    inFlight.incrementAndGet();
    client.request(get("/conferences/" + sessionId)).compose(r -> r.send())
        .compose(r -> r.body().map(b -> String.valueOf(r.statusCode())))
        .recover(e -> Future.succeededFuture("error:" + e.getClass().getSimpleName()))
        .onComplete(ar -> {
          if (intendedNanos >= measureFrom) {
            recorder.record(System.nanoTime() - intendedNanos, ar.result());
          }
          inFlight.decrementAndGet();
        });
  }
}
