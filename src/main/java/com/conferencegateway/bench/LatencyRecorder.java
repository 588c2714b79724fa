package com.conferencegateway.bench;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Every latency in an HdrHistogram (1 µs to 60 s, 3 significant digits), and outcomes counted by kind. */
final class LatencyRecorder {
  private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
  private final Map<String, Long> outcomes = new TreeMap<>();
  private long count;

  synchronized void record(long latencyNanos, String outcome) {
    histogram.recordValue(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(latencyNanos), histogram.getHighestTrackableValue())));
    outcomes.merge(outcome, 1L, Long::sum);
    count++;
  }

  synchronized long count() {
    return count;
  }

  synchronized long count(String outcome) {
    return outcomes.getOrDefault(outcome, 0L);
  }

  synchronized double percentileMillis(double p) {
    return histogram.getValueAtPercentile(p) / 1000.0;
  }

  synchronized JsonObject toJson(double seconds) {
    JsonObject latency = new JsonObject()
        .put("p50", percentileMillis(50)).put("p90", percentileMillis(90)).put("p99", percentileMillis(99))
        .put("p99_9", percentileMillis(99.9)).put("max", histogram.getMaxValue() / 1000.0)
        .put("mean", histogram.getMean() / 1000.0);
    return new JsonObject().put("count", count).put("seconds", seconds)
        .put("throughputPerSecond", seconds > 0 ? count / seconds : 0)
        .put("latencyMillis", latency).put("outcomes", new JsonObject(new TreeMap<>(outcomes)));
  }
}
