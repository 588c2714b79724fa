package com.conferencegateway.query;

import com.conferencegateway.session.SessionStatus;
import java.util.function.Function;

/**
 * The parameters of {@code GET /conferences}, checked: a bad one is a 400 naming it. {@code after} is
 * the session id to list after: decoded from the caller's cursor, or as given by a forwarding process.
 */
public record ListRequest(SessionStatus status, String accountId, int limit, String after) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** {@code param}: a query parameter by name, or null. */
  public static ListRequest parse(Function<String, String> param, boolean forwarded, Credentials credentials) {
    String statusText = param.apply("status");
    SessionStatus status = statusText == null ? null : SessionStatus.fromWire(statusText);
    if (statusText != null && status == null) {
      throw new QueryFailure.Invalid("INVALID_STATUS", "status must be ringing, active or ended, not \"" + statusText + "\"");
    }
    String accountId = param.apply("accountId");
    if (accountId != null && (accountId.isBlank() || accountId.length() > 100)) {
      throw new QueryFailure.Invalid("INVALID_ACCOUNT_ID", "accountId must be 1 to 100 characters");
    }
    int limit = limit(param.apply("limit"), forwarded);
    String after = param.apply("after");
    if (after != null && after.isEmpty()) {
      throw new QueryFailure.Invalid("INVALID_CURSOR", "after is empty: pass \"next\" back unchanged, or leave after out");
    }
    if (after != null && !forwarded) {
      after = ListCursor.decode(credentials, after, status, accountId);
    }
    return new ListRequest(status, accountId, limit, after);
  }

  /** A forwarding process asks for one more than the caller's limit, to know whether a next page exists. */
  private static int limit(String text, boolean forwarded) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    int max = forwarded ? MAX_LIMIT + 1 : MAX_LIMIT;
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new QueryFailure.Invalid("INVALID_LIMIT", "limit must be a whole number from 1 to " + MAX_LIMIT + ", not \""
        + text + "\"");
  }
}
