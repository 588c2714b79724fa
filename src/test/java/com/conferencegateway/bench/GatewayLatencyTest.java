package com.conferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GatewayLatencyTest {
  private static String metrics(long status1ms, long status10ms, long statusAll, long cdrAll, long rejectedAll) {
    return """
        # HELP gateway_push_duration_seconds
        # TYPE gateway_push_duration_seconds histogram
        gateway_push_duration_seconds_bucket{endpoint="status",outcome="accepted",le="0.001"} %d.0
        gateway_push_duration_seconds_bucket{endpoint="status",outcome="accepted",le="0.01"} %d.0
        gateway_push_duration_seconds_bucket{endpoint="status",outcome="accepted",le="+Inf"} %d.0
        gateway_push_duration_seconds_bucket{endpoint="cdr",outcome="accepted",le="0.001"} 0.0
        gateway_push_duration_seconds_bucket{endpoint="cdr",outcome="accepted",le="0.01"} %d.0
        gateway_push_duration_seconds_bucket{endpoint="cdr",outcome="accepted",le="+Inf"} %d.0
        gateway_push_duration_seconds_bucket{endpoint="status",outcome="rejected",le="0.001"} %d.0
        gateway_push_duration_seconds_bucket{endpoint="status",outcome="rejected",le="+Inf"} %d.0
        gateway_push_duration_seconds_count{endpoint="status",outcome="accepted"} %d.0
        """.formatted(status1ms, status10ms, statusAll, cdrAll, cdrAll, rejectedAll, rejectedAll, statusAll);
  }

  @Test
  void acceptedPushesOfEveryEndpointAreSummedPerBoundAndRejectedOnesLeftOut() {
    TreeMap<Double, Long> buckets = GatewayLatency.acceptedBuckets(metrics(5, 8, 9, 3, 1000));
    assertThat(buckets).containsExactly(
        java.util.Map.entry(0.001, 5L), java.util.Map.entry(0.01, 11L),
        java.util.Map.entry(Double.POSITIVE_INFINITY, 12L));
  }

  @Test
  void onlyWhatWasAnsweredBetweenTheTwoReadingsCounts() {
    TreeMap<Double, Long> before = GatewayLatency.acceptedBuckets(metrics(1000, 1000, 1000, 0, 0));
    // 1,000 more status pushes: 500 within 1 ms, 990 within 10 ms, 10 slower.
    TreeMap<Double, Long> after = GatewayLatency.acceptedBuckets(metrics(1500, 1990, 2000, 0, 7));
    JsonObject window = GatewayLatency.between(before, after);
    assertThat(window.getLong("answered")).isEqualTo(1000);
    assertThat(window.getJsonObject("percentWithinMs"))
        .isEqualTo(new JsonObject().put("1", 50.0).put("10", 99.0));
    assertThat(window.getString("p99AtMostMs")).isEqualTo("10");
  }

  @Test
  void aTailBeyondEveryFiniteBoundHasNoP99Bound() {
    TreeMap<Double, Long> after = GatewayLatency.acceptedBuckets(metrics(10, 50, 100, 0, 0));
    JsonObject window = GatewayLatency.between(new TreeMap<>(), after);
    assertThat(window.getJsonObject("percentWithinMs").getDouble("10")).isEqualTo(50.0);
    assertThat(window.getValue("p99AtMostMs")).isNull();
  }

  @Test
  void nothingAnsweredGivesNoFigure() {
    TreeMap<Double, Long> same = GatewayLatency.acceptedBuckets(metrics(3, 3, 3, 0, 0));
    assertThat(GatewayLatency.between(same, same)).isNull();
    assertThat(GatewayLatency.acceptedBuckets("process_cpu_time_ns_total 1.0\n")).isEmpty();
  }
}
