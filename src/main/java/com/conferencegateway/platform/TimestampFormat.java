package com.conferencegateway.platform;

import java.time.Clock;
import java.time.Instant;

/** How a request's {@code timestamp} is written: the spec's text says one thing, its demos another. */
public enum TimestampFormat {
  /** {@code yyyyMMddHHmmss} in China time (the spec's table, read as a 24-hour clock). */
  COMPACT("yyyyMMddHHmmss"),
  /** Epoch milliseconds, as every demo URL of the spec sends. */
  EPOCH_MILLIS("epochMillis");

  private final String configName;

  TimestampFormat(String configName) {
    this.configName = configName;
  }

  public static TimestampFormat fromConfig(String name) {
    for (TimestampFormat f : values()) {
      if (f.configName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown timestamp format " + name);
  }

  public String now(Clock clock) {
    Instant now = clock.instant();
    return this == EPOCH_MILLIS ? Long.toString(now.toEpochMilli()) : PlatformTime.format(now, PlatformTime.SECONDS);
  }

  /** Reads a timestamp in either form (14 digits: compact; 13: epoch millis), or null when it is neither. */
  public static Instant read(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      if (timestamp.matches("\\d{14}")) {
        return PlatformTime.parse(timestamp, PlatformTime.SECONDS).toInstant();
      }
      if (timestamp.matches("\\d{13}")) {
        return Instant.ofEpochMilli(Long.parseLong(timestamp));
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }
}
