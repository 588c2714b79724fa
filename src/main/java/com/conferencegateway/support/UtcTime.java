package com.conferencegateway.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The gateway's own instants as written in messages and headers: UTC, always with milliseconds. */
public final class UtcTime {
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private UtcTime() {}

  /** 2026-11-29T10:00:00.123Z */
  public static String millis(Instant t) {
    return UTC_MILLIS.format(t.truncatedTo(ChronoUnit.MILLIS));
  }
}
