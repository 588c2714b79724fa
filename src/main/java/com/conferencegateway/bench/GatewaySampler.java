package com.conferencegateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the gateway's /metrics once a second: its heap in use (the sum of jvm_memory_used_bytes
 * over the heap areas; the highest value is kept), its process CPU time, so that every figure
 * comes with what it cost the gateway, and its own push-latency buckets. Runs on its own thread.
 */
final class GatewaySampler implements AutoCloseable {
  private static final Pattern CPU = Pattern.compile("(?m)^process_cpu_time_ns_total(?:\\{[^}]*})? ([0-9.E+]+)");
  private final java.util.List<long[]> cpu = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)");
  private static final Pattern FOLD =
      Pattern.compile("(?m)^gateway_sessions_(?:folded|unchanged|unreadable)_total(?:\\{[^}]*})? ([0-9.E+]+)");
  /** (time, events the session fold has taken so far): its throughput, and when it caught up. */
  private final java.util.List<long[]> fold = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** A reading of the gateway's push-latency buckets (accepted pushes, cumulative). */
  private record LatencyReading(long nanos, java.util.TreeMap<Double, Long> buckets) {}

  private final java.util.List<LatencyReading> latency = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String url;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long maxBytes = -1;

  GatewaySampler(String metricsUrl) {
    this.url = metricsUrl;
    this.thread = new Thread(this::loop, "gateway-sampler");
    this.thread.setDaemon(true);
    if (url != null && !url.isBlank()) {
      thread.start();
    }
  }

  private void loop() {
    while (running) {
      try {
        String body = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP.matcher(body);
        long sum = 0;
        while (m.find()) {
          sum += (long) Double.parseDouble(m.group(1));
        }
        if (sum > maxBytes) {
          maxBytes = sum;
        }
        Matcher c = CPU.matcher(body);
        if (c.find()) {
          cpu.add(new long[] {System.nanoTime(), (long) Double.parseDouble(c.group(1))});
        }
        Matcher f = FOLD.matcher(body);
        long events = 0;
        boolean found = false;
        while (f.find()) {
          events += (long) Double.parseDouble(f.group(1));
          found = true;
        }
        if (found) {
          fold.add(new long[] {System.nanoTime(), events});
        }
        java.util.TreeMap<Double, Long> buckets = GatewayLatency.acceptedBuckets(body);
        if (!buckets.isEmpty()) {
          latency.add(new LatencyReading(System.nanoTime(), buckets));
        }
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // The gateway may be busy; the next sample will tell.
      }
    }
  }

  /** The highest heap in use seen, in MiB, or -1 when nothing was sampled. */
  double maxMiB() {
    return maxBytes < 0 ? -1 : maxBytes / (1024.0 * 1024.0);
  }

  /**
   * The gateway's CPU time per operation over [from, to] (System.nanoTime of this JVM): the CPU
   * counter's rate between the samples nearest inside that window, divided by the operations per
   * second; -1 when the window holds fewer than two samples.
   */
  double cpuMicrosPerOp(long fromNanos, long toNanos, double opsPerSecond) {
    long[] first = null;
    long[] last = null;
    for (long[] sample : cpu) {
      if (sample[0] >= fromNanos && sample[0] <= toNanos) {
        if (first == null) {
          first = sample;
        }
        last = sample;
      }
    }
    if (first == null || last == first || opsPerSecond <= 0) {
      return -1;
    }
    double cpuNanosPerSecond = (last[1] - first[1]) / ((last[0] - first[0]) / 1e9);
    return cpuNanosPerSecond / opsPerSecond / 1000;
  }

  /**
   * The latency of the pushes the gateway answered over [from, to], as it measured them itself
   * ({@link GatewayLatency}); null when the window holds fewer than two readings.
   */
  io.vertx.core.json.JsonObject latencyBetween(long fromNanos, long toNanos) {
    java.util.List<LatencyReading> inside = latency.stream()
        .filter(r -> r.nanos() >= fromNanos && r.nanos() <= toNanos).toList();
    return inside.size() < 2 ? null
        : GatewayLatency.between(inside.get(0).buckets(), inside.get(inside.size() - 1).buckets());
  }

  /**
   * The session fold under this load: the events it took per second over [from, to], and how long
   * after {@code to} it had taken {@code expected} more events than at the first sample (waits up to
   * {@code wait}); null when the gateway has no session fold.
   */
  io.vertx.core.json.JsonObject foldFigures(long fromNanos, long toNanos, long expected, Duration wait)
      throws InterruptedException {
    if (fold.isEmpty()) {
      return null;
    }
    long base = fold.get(0)[1];
    long deadline = System.nanoTime() + wait.toNanos();
    long[] caughtUp = null;
    while (caughtUp == null && System.nanoTime() < deadline) {
      caughtUp = fold.stream().filter(s -> s[1] - base >= expected).findFirst().orElse(null);
      if (caughtUp == null) {
        Thread.sleep(200);
      }
    }
    long[] first = fold.stream().filter(s -> s[0] >= fromNanos && s[0] <= toNanos).findFirst().orElse(null);
    long[] last = fold.stream().filter(s -> s[0] >= fromNanos && s[0] <= toNanos).reduce((a, b) -> b).orElse(null);
    long[] atEnd = fold.stream().filter(s -> s[0] <= toNanos).reduce((a, b) -> b).orElse(fold.get(0));
    io.vertx.core.json.JsonObject out = new io.vertx.core.json.JsonObject()
        .put("eventsExpected", expected)
        .put("eventsPerSecondDuringRun", first == null || last == first ? -1
            : (last[1] - first[1]) / ((last[0] - first[0]) / 1e9))
        .put("behindAtEndOfRun", Math.max(0, expected - (atEnd[1] - base)));
    if (caughtUp == null) {
      return out.put("caughtUp", false).put("eventsTaken", fold.get(fold.size() - 1)[1] - base);
    }
    return out.put("caughtUp", true).put("caughtUpSecondsAfterRun", Math.max(0, (caughtUp[0] - toNanos) / 1e9));
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
