package com.conferencegateway.platform;

/** A failure that may pass: connection refused or reset, timeout, HTTP 5xx or 429. */
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
