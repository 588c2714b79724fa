package com.conferencegateway.tracing;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * W3C trace context as the gateway carries it when it exports no spans: a command's {@code traceparent}
 * as it came, or a new trace when it came without one, so that its platform call and its result name
 * the same trace either way.
 */
public final class Traceparent {
  private static final Pattern VALID = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final String INVALID_TRACE = "00000000000000000000000000000000";

  private Traceparent() {}

  /** {@code header} when it is a valid version-00 traceparent, else a new trace (sampled). */
  public static String orNew(String header) {
    return valid(header) ? header : newTrace();
  }

  public static boolean valid(String header) {
    return header != null && VALID.matcher(header).matches() && !header.substring(3, 35).equals(INVALID_TRACE)
        && !header.substring(36, 52).equals("0000000000000000");
  }

  /** The 32 hex digits of the trace id. */
  public static String traceId(String traceparent) {
    return traceparent.substring(3, 35);
  }

  static String newTrace() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "00-" + hex(random.nextLong() | 1) + hex(random.nextLong()) + "-" + hex(random.nextLong() | 1) + "-01";
  }

  private static String hex(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }
}
