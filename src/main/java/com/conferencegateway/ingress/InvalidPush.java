package com.conferencegateway.ingress;

/** A push refused for what it is (shape, field, app, token): the platform must not retry it as is. */
final class InvalidPush extends RuntimeException {
  private final PushCode code;

  public InvalidPush(PushCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public PushCode code() {
    return code;
  }

  static InvalidPush malformed(String message) {
    return new InvalidPush(PushCode.MALFORMED, message);
  }

  static InvalidPush invalid(String message) {
    return new InvalidPush(PushCode.INVALID, message);
  }
}
