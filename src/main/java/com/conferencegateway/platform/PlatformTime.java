package com.conferencegateway.platform;

import com.conferencegateway.support.Digits;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** The platform's clock: China time (UTC+8), and the compact formats of its spec. */
public final class PlatformTime {
  public static final ZoneOffset ZONE = ZoneOffset.ofHours(8);

  /** §7.3.1 stateTime. */
  public static final DateTimeFormatter STATE_TIME = strict("uuuuMMddHHmmssSSS");
  /** §7.3.2 beginTime/endTime, and the request timestamp in {@code yyyyMMddHHmmss} mode. */
  public static final DateTimeFormatter SECONDS = strict("uuuuMMddHHmmss");

  private PlatformTime() {}

  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
  }

  /**
   * Reads a compact platform time ({@link #STATE_TIME} or {@link #SECONDS}) as UTC+8; throws
   * {@link DateTimeParseException} when it is not one. Digits are read by hand: this runs for
   * every push, and the formatter was a tenth of the push path's CPU.
   */
  public static OffsetDateTime parse(String text, DateTimeFormatter format) {
    int expected = format == STATE_TIME ? 17 : format == SECONDS ? 14 : -1;
    if (expected < 0) {
      return LocalDateTime.parse(text, format).atOffset(ZONE);
    }
    if (text.length() != expected) {
      throw new DateTimeParseException("expected " + expected + " digits", text, 0);
    }
    for (int i = 0; i < expected; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        throw new DateTimeParseException("not a digit", text, i);
      }
    }
    try {
      LocalDateTime t = LocalDateTime.of(digits(text, 0, 4), digits(text, 4, 6), digits(text, 6, 8),
          digits(text, 8, 10), digits(text, 10, 12), digits(text, 12, 14),
          expected == 17 ? digits(text, 14, 17) * 1_000_000 : 0);
      return t.atOffset(ZONE);
    } catch (java.time.DateTimeException e) {
      throw new DateTimeParseException(e.getMessage(), text, 0);
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  /** 2015-05-04T14:14:20.069+08:00 */
  public static String isoMillis(OffsetDateTime t) {
    StringBuilder sb = new StringBuilder(29);
    Digits.isoDateTime(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
        t.getSecond()).append('.');
    Digits.pad(sb, t.getNano() / 1_000_000, 3);
    return sb.append(offset(t)).toString();
  }

  /** 2015-06-24T14:50:42+08:00 */
  public static String isoSeconds(OffsetDateTime t) {
    StringBuilder sb = new StringBuilder(25);
    Digits.isoDateTime(sb, t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
        t.getSecond());
    return sb.append(offset(t)).toString();
  }

  /** 20150504141420069: the spec's stateTime form, for ids. */
  public static String compactMillis(OffsetDateTime t) {
    StringBuilder sb = new StringBuilder(17);
    Digits.pad(sb, t.getYear(), 4);
    Digits.pad(sb, t.getMonthValue(), 2);
    Digits.pad(sb, t.getDayOfMonth(), 2);
    Digits.pad(sb, t.getHour(), 2);
    Digits.pad(sb, t.getMinute(), 2);
    Digits.pad(sb, t.getSecond(), 2);
    Digits.pad(sb, t.getNano() / 1_000_000, 3);
    return sb.toString();
  }

  private static String offset(OffsetDateTime t) {
    String id = t.getOffset().getId();
    return "Z".equals(id) ? "+00:00" : id;
  }

  /** In China time; the spec's two compact forms written by hand (one per platform call and simulated push). */
  public static String format(Instant t, DateTimeFormatter format) {
    if (format == STATE_TIME) {
      return compactMillis(t.atOffset(ZONE));
    }
    if (format == SECONDS) {
      return compactMillis(t.atOffset(ZONE)).substring(0, 14);
    }
    return format.format(t.atOffset(ZONE));
  }
}
