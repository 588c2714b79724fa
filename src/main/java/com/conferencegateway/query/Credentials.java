package com.conferencegateway.query;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may ask: callers with one of the bearer tokens (GATEWAY_QUERY_TOKENS; none set: anyone), and
 * other gateway processes forwarding a request, which prove it with a token derived from
 * GATEWAY_SECRET_KEY that every replica shares. Also signs list cursors, so that a cursor this API did
 * not give is refused. Comparisons take the same time whatever matches.
 */
public final class Credentials {
  /** The header a forwarded request carries. */
  public static final String FORWARDED = "X-Conference-Gateway-Forwarded";

  private final List<byte[]> tokens;
  private final byte[] forwardToken;
  private final SecretKeySpec cursorKey;

  /** {@code secretKey}: the 32 bytes of GATEWAY_SECRET_KEY. */
  public Credentials(List<String> bearerTokens, byte[] secretKey) {
    this.tokens = bearerTokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    SecretKeySpec master = new SecretKeySpec(secretKey, "HmacSHA256");
    this.forwardToken = Base64.getUrlEncoder().withoutPadding()
        .encode(hmac(master, "conference-gateway query forwarding v1"));
    this.cursorKey = new SecretKeySpec(hmac(master, "conference-gateway list cursor v1"), "HmacSHA256");
  }

  public boolean open() {
    return tokens.isEmpty();
  }

  /** The {@code Authorization} header holds one of the tokens (or none is required). */
  public boolean allows(String authorization) {
    if (tokens.isEmpty()) {
      return true;
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    boolean any = false;
    for (byte[] token : tokens) {
      any |= MessageDigest.isEqual(token, given);
    }
    return any;
  }

  /** The value of {@link #FORWARDED} on requests this process forwards. */
  public String forwardToken() {
    return new String(forwardToken, StandardCharsets.US_ASCII);
  }

  public boolean isForwardToken(String header) {
    return header != null && MessageDigest.isEqual(forwardToken, header.getBytes(StandardCharsets.UTF_8));
  }

  /** A signature of {@code text} under the cursor key, base64url. */
  String sign(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hmac(cursorKey, text), 16));
  }

  private static byte[] hmac(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
