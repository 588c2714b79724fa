package com.conferencegateway.query;

import com.conferencegateway.session.SessionStatus;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * The opaque cursor of {@code GET /conferences}: the last conference of a page and the filters it was
 * given for, signed ({@link Credentials#sign}) so that a cursor this API did not give, or one used with
 * other filters, is refused rather than silently walking another list.
 */
public final class ListCursor {
  private ListCursor() {}

  public static String encode(Credentials credentials, String lastSessionId, SessionStatus status, String accountId) {
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(new JsonObject().put("v", 1)
        .put("after", lastSessionId).put("status", status == null ? null : status.wire()).put("accountId", accountId)
        .encode().getBytes(StandardCharsets.UTF_8));
    return payload + "." + credentials.sign(payload);
  }

  /** The session id to list after; fails with a 400 for a cursor not given by this API or given for other filters. */
  public static String decode(Credentials credentials, String cursor, SessionStatus status, String accountId) {
    int dot = cursor.lastIndexOf('.');
    if (dot <= 0 || !MessageDigest.isEqual(credentials.sign(cursor.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
        cursor.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
      throw new QueryFailure.Invalid("INVALID_CURSOR", "after is not a cursor this API gave: pass \"next\" back unchanged");
    }
    JsonObject json;
    try {
      json = new JsonObject(new String(Base64.getUrlDecoder().decode(cursor.substring(0, dot)), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new QueryFailure.Invalid("INVALID_CURSOR", "after is not a cursor this API gave: pass \"next\" back unchanged");
    }
    if (!Objects.equals(json.getString("status"), status == null ? null : status.wire())
        || !Objects.equals(json.getString("accountId"), accountId)) {
      throw new QueryFailure.Invalid("CURSOR_MISMATCH", "after was given for other filters (status, accountId): "
          + "follow a walk with the filters it started with");
    }
    return json.getString("after");
  }
}
