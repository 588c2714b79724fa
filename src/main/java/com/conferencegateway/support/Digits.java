package com.conferencegateway.support;

/** Zero-padded decimal fields of hand-written timestamps (a formatter costs more than the rest of a push). */
public final class Digits {
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
      1_000_000_000};

  private Digits() {}

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
