package com.conferencegateway.session;

import java.util.Locale;

/** Where a conference is: ringing until a leg answers, active until it ends, then ended. */
public enum SessionStatus {
  RINGING, ACTIVE, ENDED;

  private static final SessionStatus[] ALL = values();
  // Every replica's view reads a status per change: spelled once, not lower-cased per call.
  private final String wire = name().toLowerCase(Locale.ROOT);

  /** As written in messages and query parameters: lower case. */
  public String wire() {
    return wire;
  }

  /** The status named {@code text}, or null when it names none. */
  public static SessionStatus fromWire(String text) {
    for (SessionStatus s : ALL) {
      if (s.wire.equals(text)) {
        return s;
      }
    }
    return null;
  }
}
