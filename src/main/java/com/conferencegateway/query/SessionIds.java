package com.conferencegateway.query;

import java.util.regex.Pattern;

/** What a session id in a query may look like: checked before it is looked up or forwarded anywhere. */
final class SessionIds {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private SessionIds() {}

  static String check(String sessionId) {
    if (sessionId == null || !VALID.matcher(sessionId).matches()) {
      throw new QueryFailure.Invalid("INVALID_SESSION_ID",
          "a session id is 1 to 64 letters, digits, '.', '_', ':' or '-'");
    }
    return sessionId;
  }
}
