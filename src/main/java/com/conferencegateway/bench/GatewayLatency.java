package com.conferencegateway.bench;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's own view of push latency, from the histogram buckets of {@code gateway.push.duration}
 * on its /metrics: from a request's headers read to its answer written. Set beside the latency the
 * load generator saw, it tells how much of a tail was spent in the gateway and how much before it read
 * the request (a GC pause, the load generator, CPU shared with it).
 */
final class GatewayLatency {
  private static final Pattern BUCKET =
      Pattern.compile("(?m)^gateway_push_duration_seconds_bucket\\{([^}]*)} ([0-9.E+]+)");
  private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

  private GatewayLatency() {}

  /** Accepted pushes of every endpoint, cumulative per upper bound in seconds (+Inf last); empty if none. */
  static TreeMap<Double, Long> acceptedBuckets(String metrics) {
    TreeMap<Double, Long> buckets = new TreeMap<>();
    Matcher m = BUCKET.matcher(metrics);
    while (m.find()) {
      String labels = m.group(1);
      Matcher le = LE.matcher(labels);
      if (!labels.contains("outcome=\"accepted\"") || !le.find()) {
        continue;
      }
      double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
      buckets.merge(bound, (long) Double.parseDouble(m.group(2)), Long::sum);
    }
    return buckets;
  }

  /**
   * What was answered between two readings: how many, the share within each bound, and the smallest
   * bound that holds 99% of them; null when nothing was answered in between.
   */
  static JsonObject between(Map<Double, Long> before, TreeMap<Double, Long> after) {
    long total = after.getOrDefault(Double.POSITIVE_INFINITY, 0L) - before.getOrDefault(Double.POSITIVE_INFINITY, 0L);
    if (total <= 0) {
      return null;
    }
    JsonObject within = new JsonObject();
    Double p99Bound = null;
    for (Map.Entry<Double, Long> bucket : after.entrySet()) {
      if (bucket.getKey().isInfinite()) {
        continue;
      }
      long count = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0L);
      within.put(millis(bucket.getKey()), Math.round(count * 10000.0 / total) / 100.0);
      if (p99Bound == null && count >= Math.ceil(total * 0.99)) {
        p99Bound = bucket.getKey();
      }
    }
    return new JsonObject()
        .put("answered", total)
        .put("percentWithinMs", within)
        .put("p99AtMostMs", p99Bound == null ? null : millis(p99Bound));
  }

  private static String millis(double seconds) {
    double ms = seconds * 1000;
    return ms == Math.rint(ms) ? String.valueOf((long) ms) : String.valueOf(ms);
  }
}
