package com.conferencegateway.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the secrets the gateway keeps in Kafka (AES-256-GCM under GATEWAY_SECRET_KEY). The
 * associated data binds each ciphertext to its account and field, so a value copied to another
 * record does not decrypt. Sealed form: {@code v1:<iv base64>:<ciphertext+tag base64>}.
 */
public final class SecretBox {
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int FINGERPRINT_BYTES = 12;
  private final SecretKeySpec key;
  private final SecretKeySpec fingerprintKey;
  private final SecureRandom random = new SecureRandom();

  public SecretBox(byte[] key32) {
    if (key32.length != 32) {
      throw new IllegalArgumentException("the secret key must be 32 bytes");
    }
    this.key = new SecretKeySpec(key32.clone(), "AES");
    // A key of its own for fingerprints, derived so that a fingerprint reveals nothing of the AES key.
    this.fingerprintKey = new SecretKeySpec(hmac(new SecretKeySpec(key32, "HmacSHA256"),
        "conference-gateway key fingerprint v1"), "HmacSHA256");
  }

  /**
   * A short keyed fingerprint of a secret (HMAC-SHA-256 under a key derived from GATEWAY_SECRET_KEY,
   * 96 bits, base64url): replicas can tell two keys apart by it, while without GATEWAY_SECRET_KEY it
   * tells nothing about the key and cannot confirm a guess.
   */
  public String fingerprint(String secret, String associatedData) {
    byte[] mac = hmac(fingerprintKey, associatedData + "\n" + secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, FINGERPRINT_BYTES));
  }

  private static byte[] hmac(SecretKeySpec macKey, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(macKey);
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  public String seal(String plaintext, String associatedData) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      Base64.Encoder b64 = Base64.getEncoder();
      return "v1:" + b64.encodeToString(iv) + ":" + b64.encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }

  /** The plaintext; fails (without saying what was inside) if the key or the associated data differ. */
  public String open(String sealed, String associatedData) {
    String[] parts = sealed == null ? new String[0] : sealed.split(":");
    if (parts.length != 3 || !"v1".equals(parts[0])) {
      throw new SecretUnreadable("not a sealed secret of a known version");
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, b64.decode(parts[1])));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(b64.decode(parts[2])), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SecretUnreadable("cannot decrypt: was it sealed under another GATEWAY_SECRET_KEY?");
    }
  }

  /** A stored secret that cannot be opened with this gateway's key. */
  public static final class SecretUnreadable extends RuntimeException {
    SecretUnreadable(String message) {
      super(message, null, false, false);
    }
  }
}
