package com.conferencegateway.account;

import java.util.function.BooleanSupplier;

/**
 * What one command has learnt about its temp keys across its attempts: which key the platform
 * refused last, and how far this process's keys had got then. A refusal of a key that arrived after
 * the previous refusal is not about the key (the platform refuses for other reasons too, and would
 * otherwise be answered with rotation after rotation). Used on one event loop only.
 */
public final class KeyUse {
  private final BooleanSupplier maySend;
  private String refusedFingerprint;
  private long generationAtRefusal = Long.MAX_VALUE;

  /** {@code maySend}: false once the command is no longer this process's to carry out (handed over). */
  public KeyUse(BooleanSupplier maySend) {
    this.maySend = maySend;
  }

  /** The fingerprint of the key the platform refused last, or null before any refusal. */
  public String refusedFingerprint() {
    return refusedFingerprint;
  }

  /** True when {@code key} reached this process after the previous refusal: a refusal of it is the platform's answer. */
  boolean arrivedAfterRefusal(KeyRing.CurrentKey key) {
    return key.generation() > generationAtRefusal;
  }

  void refused(KeyRing.CurrentKey key, long generationNow) {
    refusedFingerprint = key.fingerprint();
    generationAtRefusal = generationNow;
  }

  boolean maySend() {
    return maySend.getAsBoolean();
  }
}
