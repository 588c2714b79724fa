package com.conferencegateway.command;

import com.conferencegateway.support.FlatJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The results of commands already carried out, by commandId, so that a redelivered command gets
 * its recorded result again instead of a second platform call. Filled by this gateway's own results
 * and by tailing {@code conference.command.result}, so it holds across restarts and replicas.
 * Bounded: the oldest are forgotten first.
 */
public final class DoneCommands {
  private static final Set<String> COMMAND_ID = Set.of("commandId");
  // Results kept as packed bytes (CommandResult.PACKING): a JsonObject costs several times its text on the heap.
  private final LinkedHashMap<String, byte[]> results;

  public DoneCommands(int maxEntries) {
    this.results = new LinkedHashMap<>(1024, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** A result this gateway is about to publish. */
  public synchronized void record(JsonObject result) {
    String id = result.getString("commandId");
    if (id != null && !results.containsKey(id)) {
      results.put(id, CommandResult.PACKING.pack(result.toBuffer().getBytes()));
    }
  }

  /**
   * A result as read from the result topic (most are this gateway's own, already recorded), read whole
   * but decoded only as far as its commandId. Throws {@link IllegalArgumentException} if it is not a result.
   */
  public void recordPublished(byte[] value) {
    String id = commandIdOf(value);
    synchronized (this) {
      if (!results.containsKey(id)) {
        results.put(id, CommandResult.PACKING.pack(value));
      }
    }
  }

  /** The first result recorded for the command, or null. */
  public synchronized JsonObject resultOf(String commandId) {
    byte[] packed = results.get(commandId);
    return packed == null ? null : new JsonObject(Buffer.buffer(CommandResult.PACKING.unpack(packed)));
  }

  public synchronized int size() {
    return results.size();
  }

  private static String commandIdOf(byte[] value) {
    if (FlatJson.read(value, COMMAND_ID).get("commandId") instanceof String id) {
      return id;
    }
    throw new IllegalArgumentException("no commandId");
  }
}
