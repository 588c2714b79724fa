package com.conferencegateway.support;

/** Zero-padded decimal fields of hand-written timestamps (a formatter costs more than the rest of a push). */
public final class Digits {
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
      1_000_000_000};

  private Digits() {}

  /** Appends yyyy-MM-ddTHH:mm:ss, the part every ISO-8601 time the gateway writes shares. */
  public static StringBuilder isoDateTime(StringBuilder sb, int year, int month, int day, int hour, int minute,
      int second) {
    pad(sb, year, 4).append('-');
    pad(sb, month, 2).append('-');
    pad(sb, day, 2).append('T');
    pad(sb, hour, 2).append(':');
    pad(sb, minute, 2).append(':');
    return pad(sb, second, 2);
  }

  /** Appends {@code value} in at least {@code width} digits (1 to 9), zeros in front. */
  public static StringBuilder pad(StringBuilder sb, int value, int width) {
    if (value < 0 || value >= POWERS[width]) {
      // Out of the field's usual range (a year past 9999): Integer.toString, still padded.
      String v = Integer.toString(value);
      for (int i = v.length(); i < width; i++) {
        sb.append('0');
      }
      return sb.append(v);
    }
    for (int p = width - 1; p >= 0; p--) {
      sb.append((char) ('0' + value / POWERS[p] % 10));
    }
    return sb;
  }
}
