package com.conferencegateway.ingress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The optional shared secret of the push URLs ({@code ?token=}), compared in constant time. */
final class PushToken {
  private final byte[] expectedDigest;

  /** {@code token} null or empty: no token required. */
  public PushToken(String token) {
    this.expectedDigest = token == null || token.isEmpty() ? null : sha256(token);
  }

  public void check(String presented) {
    if (expectedDigest == null) {
      return;
    }
    if (presented == null || presented.isEmpty()) {
      throw new InvalidPush(PushCode.UNAUTHORIZED, "a push token is required: add ?token=<value> to the push URL");
    }
    // Digests of equal length: the comparison time says nothing about the token's length or prefix.
    if (!MessageDigest.isEqual(expectedDigest, sha256(presented))) {
      throw new InvalidPush(PushCode.UNAUTHORIZED, "the push token is wrong");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
