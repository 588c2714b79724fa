package com.conferencegateway.account;

import com.conferencegateway.platform.PlatformAnswer;

/**
 * The platform refused a call signed with a temp key that may have been rotated away. The platform
 * did nothing with the call, so it is sent again, with a newer key, for every command type.
 * {@link #answer()} is what the command ends with if it cannot be sent again.
 */
public final class StaleKeySuspected extends RuntimeException {
  private final PlatformAnswer answer;

  public StaleKeySuspected(String call, String accountId, PlatformAnswer answer) {
    super(call + " signed with a temp key of " + accountId + " was refused (" + answer.result() + " "
        + answer.describe() + "); sending it again with a newer key", null, false, false);
    this.answer = answer;
  }

  public PlatformAnswer answer() {
    return answer;
  }
}
