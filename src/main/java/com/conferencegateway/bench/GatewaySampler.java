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
 * over the heap areas; the highest value is kept) and its process CPU time, so that every figure
 * comes with what it cost the gateway. Runs on its own thread.
 */
final class GatewaySampler implements AutoCloseable {
  private static final Pattern CPU = Pattern.compile("(?m)^process_cpu_time_ns_total(?:\\{[^}]*})? ([0-9.E+]+)");
  private final java.util.List<long[]> cpu = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)");
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

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
