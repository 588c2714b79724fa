package com.conferencegateway.ingress;

/** The answer codes of the contract's push table, with their HTTP statuses. */
enum PushCode {
  ACCEPTED("0000", 200),
  MALFORMED("0001", 400),
  DUPLICATE("0002", 200),
  UNKNOWN_APP("0003", 403),
  INVALID("0005", 400),
  UNAUTHORIZED("0010", 401),
  BODY_TOO_LARGE("0001", 413),
  UNSUPPORTED_ENCODING("0001", 415),
  SOURCE_NOT_ALLOWED("0010", 403),
  RATE_LIMITED("9999", 429),
  NOT_DURABLE("9999", 503);

  private final String code;
  private final int httpStatus;

  PushCode(String code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** The CDR push's {@code code}. */
  public String cdrCode() {
    return code;
  }

  /** The status push's {@code result}: the same codes, but {@code "0"} for success. */
  public String statusResult() {
    return this == ACCEPTED ? "0" : code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
