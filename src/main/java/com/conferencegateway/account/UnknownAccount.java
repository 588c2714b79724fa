package com.conferencegateway.account;

/** A command names an account the gateway holds no keys for. */
public final class UnknownAccount extends RuntimeException {
  public UnknownAccount(String accountId) {
    super("the gateway has no keys for account " + accountId
        + "; register it with account.register or list it in PLATFORM_ACCOUNTS_FILE", null, false, false);
  }
}
