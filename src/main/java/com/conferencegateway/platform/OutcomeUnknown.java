package com.conferencegateway.platform;

/**
 * A call the platform may or may not have carried out: the request was sent, and then no answer
 * came in time, the connection was lost, or the platform answered HTTP 500 or 504. Repeating it is
 * safe only where a second execution is harmless.
 */
public final class OutcomeUnknown extends RuntimeException {
  private final String call;
  private final long retryAfterMs;

  public OutcomeUnknown(String call, String message, long retryAfterMs, Throwable cause) {
    super(message, cause, false, false);
    this.call = call;
    this.retryAfterMs = retryAfterMs;
  }

  /** The platform call whose outcome is unknown, e.g. {@code createConference}. */
  public String call() {
    return call;
  }

  /** What the platform asked for with Retry-After, or 0. */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}
