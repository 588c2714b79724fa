package com.conferencegateway.simulator;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call the simulator received, with its parameters and result (or injected fault), for tests
 * and the admin API. Bounded: a simulator left running (dev mode, benchmarks) must not fill the heap.
 */
final class CallLog {
  private static final int MAX_ENTRIES = 10_000;
  private final ArrayDeque<JsonObject> entries = new ArrayDeque<>();
  private final Clock clock;

  CallLog(Clock clock) {
    this.clock = clock;
  }

  synchronized void add(String call, Map<String, String> params, String result, String traceparent) {
    JsonObject entry = new JsonObject().put("call", call).put("params", new JsonObject(new LinkedHashMap<>(params)))
        .put("result", result).put("at", clock.instant().toString());
    if (traceparent != null) {
      entry.put("traceparent", traceparent);
    }
    entries.addLast(entry);
    if (entries.size() > MAX_ENTRIES) {
      entries.removeFirst();
    }
  }

  synchronized List<JsonObject> entries() {
    return List.copyOf(entries);
  }

  synchronized void clear() {
    entries.clear();
  }
}
