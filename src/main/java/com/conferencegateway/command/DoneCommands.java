package com.conferencegateway.command;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of commands already carried out, by commandId, so that a redelivered command gets
 * its recorded result again instead of a second platform call. Filled by this gateway's own results
 * and by tailing {@code conference.command.result}, so it holds across restarts and replicas.
 * Bounded: the oldest are forgotten first.
 */
public final class DoneCommands {
  // Results kept encoded: a JsonObject costs several times its text on the heap.
  private final LinkedHashMap<String, String> results;

  public DoneCommands(int maxEntries) {
    this.results = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > maxEntries;
      }
    };
  }

  public synchronized void record(JsonObject result) {
    String id = result.getString("commandId");
    if (id != null) {
      results.putIfAbsent(id, result.encode());
    }
  }

  /** The first result recorded for the command, or null. */
  public synchronized JsonObject resultOf(String commandId) {
    String encoded = results.get(commandId);
    return encoded == null ? null : new JsonObject(encoded);
  }

  public synchronized int size() {
    return results.size();
  }
}
