package com.conferencegateway.support;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads an ISO-8601 time with an offset, as the gateway writes them ({@code 2015-05-04T14:14:20.069+08:00},
 * {@code 2026-11-29T10:00:00.123Z}). The session fold compares such times for every event, and
 * {@link OffsetDateTime#parse} was a fifth of its CPU; those forms are read by hand, any other goes to
 * the formatter, so what is accepted is exactly what {@link OffsetDateTime#parse} accepts.
 */
public final class IsoInstant {
  private IsoInstant() {}

  /** Milliseconds since the epoch; throws {@link DateTimeParseException} when it is not such a time. */
  public static long epochMillis(CharSequence text) {
    long fast = fast(text);
    return fast != Long.MIN_VALUE ? fast : OffsetDateTime.parse(text).toInstant().toEpochMilli();
  }

  /** Long.MIN_VALUE when the text is not one of the forms read by hand (the formatter then decides). */
  private static long fast(CharSequence s) {
    int n = s.length();
    // yyyy-MM-ddTHH:mm:ss (19) [.SSS] then Z (1) or ±HH:mm (6)
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int at = 19;
    int millis = 0;
    if (s.charAt(at) == '.') {
      if (n < 24 || !digits(s, 20, 23)) {
        return Long.MIN_VALUE;
      }
      millis = number(s, 20, 23);
      at = 23;
    }
    int offsetSeconds;
    if (n == at + 1 && s.charAt(at) == 'Z') {
      offsetSeconds = 0;
    } else if (n == at + 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':'
        && digits(s, at + 1, at + 3) && digits(s, at + 4, at + 6)) {
      int hours = number(s, at + 1, at + 3);
      int minutes = number(s, at + 4, at + 6);
      if (hours > 18 || minutes > 59) {
        return Long.MIN_VALUE;
      }
      offsetSeconds = (s.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return Long.MIN_VALUE;
    }
    if (!digits(s, 0, 4) || !digits(s, 5, 7) || !digits(s, 8, 10) || !digits(s, 11, 13) || !digits(s, 14, 16)
        || !digits(s, 17, 19)) {
      return Long.MIN_VALUE;
    }
    try {
      LocalDateTime t = LocalDateTime.of(number(s, 0, 4), number(s, 5, 7), number(s, 8, 10), number(s, 11, 13),
          number(s, 14, 16), number(s, 17, 19));
      if (Math.abs(offsetSeconds) > 18 * 3600) {
        return Long.MIN_VALUE; // past ±18:00: the formatter gives the error
      }
      // The offset as seconds, not a ZoneOffset: its cache lookup was 6% of the fold thread.
      return (t.toEpochSecond(ZoneOffset.UTC) - offsetSeconds) * 1000 + millis;
    } catch (DateTimeException e) {
      return Long.MIN_VALUE; // out of range (month 13, 24:00, ...): the formatter gives the error
    }
  }

  private static boolean digits(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(CharSequence s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }
}
