package com.conferencegateway.platform;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/** The platform's clock: China time (UTC+8), and the compact formats of its spec. */
public final class PlatformTime {
  public static final ZoneOffset ZONE = ZoneOffset.ofHours(8);

  /** §7.3.1 stateTime. */
  public static final DateTimeFormatter STATE_TIME = strict("uuuuMMddHHmmssSSS");
  /** §7.3.2 beginTime/endTime, and the request timestamp in {@code yyyyMMddHHmmss} mode. */
  public static final DateTimeFormatter SECONDS = strict("uuuuMMddHHmmss");

  private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
  private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private PlatformTime() {}

  private static DateTimeFormatter strict(String pattern) {
    return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
  }

  /** Reads a compact platform time as UTC+8; throws {@link DateTimeParseException} when it is not one. */
  public static OffsetDateTime parse(String text, DateTimeFormatter format) {
    return LocalDateTime.parse(text, format).atOffset(ZONE);
  }

  /** 2015-05-04T14:14:20.069+08:00 */
  public static String isoMillis(OffsetDateTime t) {
    return ISO_MILLIS.format(t);
  }

  /** 2015-06-24T14:50:42+08:00 */
  public static String isoSeconds(OffsetDateTime t) {
    return ISO_SECONDS.format(t);
  }

  /** 2026-11-29T10:00:00.123Z: the gateway's own instants, always with milliseconds. */
  public static String utcMillis(Instant t) {
    return UTC_MILLIS.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  public static String format(Instant t, DateTimeFormatter format) {
    return format.format(t.atOffset(ZONE));
  }
}
