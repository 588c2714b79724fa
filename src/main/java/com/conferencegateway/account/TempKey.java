package com.conferencegateway.account;

import java.time.Instant;

/** A temporary key from getAccountkey, and when it was obtained. Never printed. */
public record TempKey(String value, Instant obtainedAt) {
  @Override
  public String toString() {
    return "TempKey[obtainedAt=" + obtainedAt + "]";
  }
}
