package com.conferencegateway.session;

import com.conferencegateway.support.FlatJson;
import com.conferencegateway.support.IsoInstant;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fold's inputs from the values of {@code conference.state}, {@code conference.cdr} and
 * {@code conference.command.result}. A value that is not what the contract says throws
 * {@link UnreadableEvent}; a result the fold has no use for (another type, not succeeded) gives null.
 */
public final class SessionEvents {
  // What the fold reads of each; other fields are skipped without being decoded.
  private static final Set<String> STATE_FIELDS = Set.of("sessionId", "appId", "caller", "callee", "state",
      "stateTime");
  private static final Set<String> CDR_FIELDS = Set.of("sessionId", "appId", "detailId", "durationSeconds");

  private SessionEvents() {}

  public static SessionEvent.LegChanged state(byte[] value) {
    Map<String, Object> j = flat(value, "conference.state", STATE_FIELDS);
    String stateTime = required(j, "stateTime", "conference.state");
    checkTime(stateTime, "conference.state");
    return new SessionEvent.LegChanged(required(j, "sessionId", "conference.state"), text(j, "appId"),
        text(j, "caller"), required(j, "callee", "conference.state"), required(j, "state", "conference.state"),
        stateTime);
  }

  public static SessionEvent.CdrBilled cdr(byte[] value) {
    Map<String, Object> j = flat(value, "conference.cdr", CDR_FIELDS);
    Object duration = j.get("durationSeconds");
    if (!(duration instanceof Number n) || n.longValue() < 0) {
      throw new UnreadableEvent("conference.cdr: durationSeconds must be a number of seconds, not " + duration);
    }
    return new SessionEvent.CdrBilled(required(j, "sessionId", "conference.cdr"), text(j, "appId"),
        required(j, "detailId", "conference.cdr"), n.longValue());
  }

  /** The {@code wanted} fields only ({@link FlatJson}): a CDR has fifteen, the fold reads four. */
  private static Map<String, Object> flat(byte[] value, String topic, Set<String> wanted) {
    if (value == null) {
      throw new UnreadableEvent(topic + ": empty value");
    }
    try {
      return FlatJson.read(value, wanted);
    } catch (IllegalArgumentException e) {
      throw new UnreadableEvent(topic + ": " + e.getMessage());
    }
  }

  private static String text(Map<String, Object> j, String field) {
    return j.get(field) instanceof String s ? s : null;
  }

  private static String required(Map<String, Object> j, String field, String topic) {
    if (!(j.get(field) instanceof String s) || s.isEmpty()) {
      throw new UnreadableEvent(topic + ": " + field + " is missing");
    }
    return s;
  }

  /** A create or end that succeeded; null for any other result. */
  public static SessionEvent result(byte[] value) {
    JsonObject j = json(value, "conference.command.result");
    String type = j.getString("type");
    String sessionId = j.getString("sessionId");
    if (!"succeeded".equals(j.getString("status")) || sessionId == null || sessionId.isEmpty()) {
      return null;
    }
    if ("conference.create".equals(type)) {
      return new SessionEvent.Created(sessionId, j.getString("accountId"), j.getString("completedAt"));
    }
    if ("conference.end".equals(type)) {
      String at = required(j, "completedAt", "conference.command.result");
      checkTime(at, "conference.command.result");
      return new SessionEvent.EndAccepted(sessionId, at);
    }
    return null;
  }

  /** The session id of a create or end that succeeded (what the results are re-keyed by); null otherwise. */
  public static String resultSession(byte[] value) {
    try {
      SessionEvent e = result(value);
      return e == null ? null : e.sessionId();
    } catch (UnreadableEvent e) {
      return null;
    }
  }

  private static JsonObject json(byte[] value, String topic) {
    if (value == null) {
      throw new UnreadableEvent(topic + ": empty value");
    }
    try {
      return new JsonObject(Buffer.buffer(value));
    } catch (DecodeException | ClassCastException e) {
      throw new UnreadableEvent(topic + ": not a JSON object");
    }
  }

  private static String required(JsonObject j, String field, String topic) {
    return required(j.getMap(), field, topic);
  }

  private static void checkTime(String text, String topic) {
    try {
      IsoInstant.epochMillis(text);
    } catch (DateTimeParseException e) {
      throw new UnreadableEvent(topic + ": \"" + text + "\" is not an ISO-8601 time with an offset");
    }
  }
}
