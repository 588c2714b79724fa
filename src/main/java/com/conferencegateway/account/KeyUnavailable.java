package com.conferencegateway.account;

/**
 * No temp key came for an account within the wait (platform.keyWaitMs): no key owner answered, or
 * it could not get one. The command fails with its own error code; the message names the account.
 */
public final class KeyUnavailable extends RuntimeException {
  public KeyUnavailable(String accountId, String why) {
    super("no temp key for account " + accountId + ": " + why, null, false, false);
  }
}
