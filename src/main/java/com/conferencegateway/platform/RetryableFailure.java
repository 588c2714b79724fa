package com.conferencegateway.platform;

/**
 * A failure the platform certainly did not act on, so repeating the call is safe for every call:
 * no connection could be opened, or the platform answered HTTP 429, 502 or 503.
 */
public final class RetryableFailure extends RuntimeException {
  private final long retryAfterMs;

  public RetryableFailure(String message, long retryAfterMs, Throwable cause) {
    super(message, cause, false, false);
    this.retryAfterMs = retryAfterMs;
  }

  /** What the platform asked for with Retry-After, or 0. */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}
