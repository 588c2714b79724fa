package com.conferencegateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives POST /platform/status and /platform/cdr with realistic bodies (unique session ids and
 * detail ids), closed-loop (N connections, each as fast as the gateway answers) or open-loop at a
 * fixed rate (latency measured from when each request was due, so a stalled gateway cannot hide
 * it), then reads the topics back to check that every accepted push is there.
 */
final class PushBench {
  private final String baseUrl;
  private final String token;
  private final String appId;
  private final String mix;
  private final int connections;
  private final long rate;
  private final Duration duration;
  private final Duration warmup;
  private final Duration ramp;
  private long measureFrom;
  private final int cdrBatch;
  private final String bootstrap;
  private final String stateTopic;
  private final String cdrTopic;
  private final String runId = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
  private final AtomicLong sequence = new AtomicLong();
  private final LatencyRecorder recorder = new LatencyRecorder();
  // Accepted pushes by sequence number; CDR i of push n is n * cdrBatch + i.
  private final SequenceSet acceptedSessions = new SequenceSet();
  private final SequenceSet acceptedDetailIds = new SequenceSet();
  private final AtomicLong inFlight = new AtomicLong();

  PushBench(BenchOptions o, String defaultApp, String defaultBootstrap, String stateTopic, String cdrTopic) {
    this.baseUrl = o.text("url", "http://localhost:8080");
    this.token = o.text("token", "");
    this.appId = o.text("app", defaultApp);
    this.mix = o.text("mix", "status");
    this.connections = (int) o.number("connections", 32);
    this.rate = o.number("rate", 0);
    this.duration = Duration.ofSeconds(o.number("duration", 10));
    // The load generator's own start (JIT, connection ramp) stalls it for up to a second around 5 s in;
    // measuring from 15 s keeps that out of the gateway's figures.
    this.warmup = Duration.ofSeconds(o.number("warmup", 15));
    // Open loop: the rate climbs over the first half of the warm-up; the measured window runs at the full rate.
    this.ramp = Duration.ofSeconds(o.number("ramp", warmup.toSeconds() / 2));
    this.cdrBatch = (int) o.number("cdr-batch", 5);
    this.bootstrap = o.text("bootstrap", defaultBootstrap);
    this.stateTopic = stateTopic;
    this.cdrTopic = cdrTopic;
    if (!List.of("status", "cdr", "both").contains(mix)) {
      throw new IllegalArgumentException("--mix is status, cdr or both");
    }
    if (ramp.isNegative() || ramp.compareTo(warmup) > 0) {
      throw new IllegalArgumentException("--ramp must be between 0 and --warmup (" + warmup.toSeconds()
          + " s): the measured window runs at the full rate");
    }
  }

  JsonObject run() throws Exception {
    TopicRange states = TopicRange.from(bootstrap, stateTopic);
    TopicRange cdrs = TopicRange.from(bootstrap, cdrTopic);
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    URI uri = URI.create(baseUrl);
    // The client lets idle connections go before the server's keep-alive limit does: no race on reuse.
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(5)
            .setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort() < 0 ? 80 : uri.getPort()),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    CompletableFuture<Void> done = new CompletableFuture<>();
    long start = System.nanoTime();
    measureFrom = start + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    System.err.printf("bench push: %s, %s, %d connections, %s, %d s after %d s of warm-up%n", baseUrl, mix,
        connections, rate > 0 ? rate + " pushes/s (open loop, reached in " + ramp.toSeconds() + " s)"
            : "as fast as possible (closed loop)", duration.toSeconds(), warmup.toSeconds());
    long progress = vertx.setPeriodic(1000, id -> System.err.printf("  %3ds  answered %,d  in flight %,d  p99 %.1f ms%n",
        (System.nanoTime() - start) / 1_000_000_000, recorder.count(), inFlight.get(), recorder.percentileMillis(99)));
    if (rate > 0) {
      OpenLoop.run(vertx, rate, ramp.toNanos(), start, end, due -> send(client, due), inFlight, done);
    } else {
      for (int i = 0; i < connections; i++) {
        closedLoop(client, end, done);
      }
    }
    done.get(warmup.toSeconds() + duration.toSeconds() + 60, TimeUnit.SECONDS);
    vertx.cancelTimer(progress);
    double seconds = (System.nanoTime() - measureFrom) / 1e9;
    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close();

    JsonObject report = recorder.toJson(seconds);
    report.put("windowStartNanos", measureFrom).put("windowEndNanos", measureFrom + (long) (seconds * 1e9));
    report.put("mode", rate > 0 ? "open-loop " + rate + "/s" : "closed-loop").put("connections", connections)
        .put("warmupSeconds", warmup.toSeconds()).put("rampSeconds", rate > 0 ? ramp.toSeconds() : 0)
        .put("mix", mix).put("cdrBatch", cdrBatch);
    report.put("readBack", readBack(states, cdrs));
    return report;
  }

  private void closedLoop(HttpClient client, long end, CompletableFuture<Void> done) {
    if (System.nanoTime() >= end) {
      if (inFlight.get() == 0) {
        done.complete(null);
      }
      return;
    }
    send(client, System.nanoTime()).onComplete(ar -> {
      if (System.nanoTime() >= end && inFlight.get() == 0) {
        done.complete(null);
      } else {
        closedLoop(client, end, done);
      }
    });
  }

  /** One push; its latency counts from {@code intendedNanos}, when it was due. */
  private Future<Void> send(HttpClient client, long intendedNanos) {
    long n = sequence.incrementAndGet();
    boolean cdr = mix.equals("cdr") || (mix.equals("both") && n % 2 == 0);
    String sessionId = runId + String.format("%026d", n);
    List<String> detailIds = new ArrayList<>();
    String body;
    if (cdr) {
      for (int i = 0; i < cdrBatch; i++) {
        detailIds.add(runId + "-" + n + "-" + i);
      }
      body = Bodies.cdrs(sessionId, detailIds, appId);
    } else {
      body = Bodies.status(sessionId, appId, n);
    }
    String path = (cdr ? "/platform/cdr" : "/platform/status") + (token.isEmpty() ? "" : "?token=" + token);
    inFlight.incrementAndGet();
    return client.request(HttpMethod.POST, path)
        .compose(req -> req.putHeader("content-type", "application/json").send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> outcome(resp.statusCode(), b, cdr)))
        .recover(e -> Future.succeededFuture("error:" + e.getClass().getSimpleName()))
        .map(outcome -> {
          if (intendedNanos >= measureFrom) {
            recorder.record(System.nanoTime() - intendedNanos, outcome);
          }
          if (outcome.endsWith(":accepted")) {
            if (cdr) {
              for (int i = 0; i < cdrBatch; i++) {
                acceptedDetailIds.add(n * cdrBatch + i);
              }
            } else {
              acceptedSessions.add(n);
            }
          }
          inFlight.decrementAndGet();
          return (Void) null;
        });
  }

  private static String outcome(int status, Buffer body, boolean cdr) {
    try {
      JsonObject answer = body.toJsonObject();
      String code = cdr ? answer.getString("code") : answer.getString("result");
      boolean accepted = status == 200 && ("0".equals(code) || "0000".equals(code) || "0002".equals(code));
      return status + "/" + code + (accepted ? ":accepted" : "");
    } catch (RuntimeException e) {
      return status + "/not-json";
    }
  }

  private JsonObject readBack(TopicRange states, TopicRange cdrs) {
    System.err.println("reading back " + stateTopic + " and " + cdrTopic + " ...");
    SequenceSet foundSessions = new SequenceSet();
    SequenceSet foundDetails = new SequenceSet();
    states.read(r -> {
      // Keys of this run: runId, then the push's sequence number in 26 digits.
      if (r.key() != null && r.key().length() == runId.length() + 26 && r.key().startsWith(runId)) {
        foundSessions.add(Long.parseLong(r.key().substring(runId.length())));
      }
    });
    cdrs.read(r -> {
      var h = r.headers().lastHeader("ce_id");
      if (h != null) {
        // Detail ids of this run: runId-n-i.
        String[] id = new String(h.value(), StandardCharsets.UTF_8).split("-");
        if (id.length == 3 && id[0].equals(runId)) {
          foundDetails.add(Long.parseLong(id[1]) * cdrBatch + Integer.parseInt(id[2]));
        }
      }
    });
    long missingStates = acceptedSessions.missingFrom(foundSessions);
    long missingCdrs = acceptedDetailIds.missingFrom(foundDetails);
    return new JsonObject().put("acceptedStatus", acceptedSessions.size()).put("foundStatus", foundSessions.size())
        .put("missingStatus", missingStates).put("acceptedCdrs", acceptedDetailIds.size())
        .put("foundCdrs", foundDetails.size()).put("missingCdrs", missingCdrs);
  }
}
