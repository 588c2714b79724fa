package com.conferencegateway.account;

import com.conferencegateway.platform.PlatformAnswer;
/** getAccountkey answered with a non-"0" result: the permanent key (or the account) is not accepted. */
public final class KeyRefused extends RuntimeException {
  private final PlatformAnswer answer;

  public KeyRefused(String accountId, PlatformAnswer answer) {
    super("the platform refused a temp key for " + accountId + ": " + answer.result() + " " + answer.describe(),
        null, false, false);
    this.answer = answer;
  }

  public PlatformAnswer answer() {
    return answer;
  }
}
