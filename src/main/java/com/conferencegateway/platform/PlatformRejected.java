package com.conferencegateway.platform;

/** The platform refused the request itself (an HTTP 4xx other than 429, or an unreadable answer): not retried. */
public final class PlatformRejected extends RuntimeException {
  private final int httpStatus;

  public PlatformRejected(String message) {
    this(message, 0);
  }

  public PlatformRejected(String message, int httpStatus) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
