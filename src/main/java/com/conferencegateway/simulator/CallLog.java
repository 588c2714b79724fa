package com.conferencegateway.simulator;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call the simulator received, with its parameters and result (or injected fault), for tests
 * and the admin API. Bounded: a simulator left running (dev mode, benchmarks) must not fill the heap.
 * Kept compact and turned into JSON only when read: as two JsonObjects each, the 10,000 calls held
 * under load were some 17 MB of the gateway's heap in dev mode.
 */
final class CallLog {
  private static final int MAX_ENTRIES = 10_000;

  /** {@code params}: names and values, alternating, in the order received. */
  private record Call(String call, String[] params, String result, long atMillis, String traceparent) {
    JsonObject toJson() {
      Map<String, Object> p = new LinkedHashMap<>();
      for (int i = 0; i < params.length; i += 2) {
        p.put(params[i], params[i + 1]);
      }
      JsonObject entry = new JsonObject().put("call", call).put("params", new JsonObject(p)).put("result", result)
          .put("at", Instant.ofEpochMilli(atMillis).toString());
      return traceparent == null ? entry : entry.put("traceparent", traceparent);
    }
  }

  private final ArrayDeque<Call> entries = new ArrayDeque<>();
  private final Clock clock;

  CallLog(Clock clock) {
    this.clock = clock;
  }

  synchronized void add(String call, Map<String, String> params, String result, String traceparent) {
    String[] flat = new String[params.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : params.entrySet()) {
      flat[i++] = e.getKey();
      flat[i++] = e.getValue();
    }
    entries.addLast(new Call(call, flat, result, clock.millis(), traceparent));
    if (entries.size() > MAX_ENTRIES) {
      entries.removeFirst();
    }
  }

  synchronized List<JsonObject> entries() {
    return entries.stream().map(Call::toJson).toList();
  }

  synchronized void clear() {
    entries.clear();
  }
}
