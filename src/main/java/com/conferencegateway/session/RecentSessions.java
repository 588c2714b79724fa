package com.conferencegateway.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The conferences a fold task changed or read most recently, in front of its state store. A
 * conference's events come close together (its legs' states, then its CDRs), and a hit skips the
 * store's JNI read and the decoding of its bytes. It holds what the store holds: the processor writes
 * both, and forgets all of it whenever its task is (re)initialised, as after an aborted transaction,
 * when the store is restored from its changelog. One task's thread only: not thread-safe.
 */
final class RecentSessions {
  private final Map<String, FoldedSession> recent;

  RecentSessions(int maxEntries) {
    this.recent = new LinkedHashMap<>(Math.min(maxEntries, 1024) * 4 / 3 + 1, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, FoldedSession> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /** The conference if it is held here, else null: then only the store knows. */
  FoldedSession get(String sessionId) {
    return recent.get(sessionId);
  }

  void put(String sessionId, FoldedSession session) {
    recent.put(sessionId, session);
  }

  void remove(String sessionId) {
    recent.remove(sessionId);
  }

  void clear() {
    recent.clear();
  }

  int size() {
    return recent.size();
  }
}
