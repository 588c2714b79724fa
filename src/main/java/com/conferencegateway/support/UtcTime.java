package com.conferencegateway.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDateTime;

/** The gateway's own instants as written in messages and headers: UTC, always with milliseconds. */
public final class UtcTime {
  private UtcTime() {}

  /** 2026-11-29T10:00:00.123Z; written by hand, as a formatter costs more than the rest of a push's headers. */
  public static String millis(Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(24);
    Digits.isoDateTime(sb, d.getYear(), d.getMonthValue(), d.getDayOfMonth(), d.getHour(), d.getMinute(),
        d.getSecond()).append('.');
    return Digits.pad(sb, t.getNano() / 1_000_000, 3).append('Z').toString();
  }
}
