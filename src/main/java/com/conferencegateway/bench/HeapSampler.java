package com.conferencegateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the gateway's heap in use from its /metrics (the sum of jvm_memory_used_bytes over the
 * heap areas) once a second, keeping the highest value seen. Runs on its own thread.
 */
final class HeapSampler implements AutoCloseable {
  private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)");
  private final HttpClient client = HttpClient.newHttpClient();
  private final String url;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long maxBytes = -1;

  HeapSampler(String metricsUrl) {
    this.url = metricsUrl;
    this.thread = new Thread(this::loop, "heap-sampler");
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

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
