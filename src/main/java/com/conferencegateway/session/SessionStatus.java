package com.conferencegateway.session;

import java.util.Locale;

/** Where a conference is: ringing until a leg answers, active until it ends, then ended. */
public enum SessionStatus {
  RINGING, ACTIVE, ENDED;

  /** As written in messages and query parameters: lower case. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code text}, or null when it names none. */
  public static SessionStatus fromWire(String text) {
    for (SessionStatus s : values()) {
      if (s.wire().equals(text)) {
        return s;
      }
    }
    return null;
  }
}
