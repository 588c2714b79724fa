package com.conferencegateway.session;

import com.conferencegateway.support.JsonBytes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract's {@code conference.sessions} JSON, the only place it is mapped: written with a
 * streaming generator (once per change, on the fold's thread), read whole for tests and tools, and
 * and read back from the fold's store for the query API.
 */
public final class SessionJson {
  private SessionJson() {}

  public static byte[] toBytes(ConferenceSession s) {
    return JsonBytes.write(g -> {
      g.writeStartObject();
      g.writeStringField("sessionId", s.sessionId());
      g.writeStringField("appId", s.appId());
      if (s.accountId() != null) {
        g.writeStringField("accountId", s.accountId());
      }
      g.writeStringField("caller", s.caller());
      g.writeStringField("status", s.status().wire());
      if (s.createdAt() != null) {
        g.writeStringField("createdAt", s.createdAt());
      }
      g.writeStringField("answeredAt", s.answeredAt());
      g.writeStringField("endedAt", s.endedAt());
      g.writeArrayFieldStart("legs");
      for (Leg leg : s.legs()) {
        g.writeStartObject();
        g.writeStringField("number", leg.number());
        g.writeStringField("state", leg.state());
        g.writeStringField("stateTime", leg.stateTime());
        g.writeStringField("answeredAt", leg.answeredAt());
        g.writeStringField("endedAt", leg.endedAt());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("cdrCount", s.cdrCount());
      g.writeNumberField("billedSeconds", s.billedSeconds());
      g.writeNumberField("version", s.version());
      g.writeStringField("updatedAt", s.updatedAt());
      g.writeEndObject();
    });
  }

  public static JsonObject toJson(ConferenceSession s) {
    return new JsonObject(Buffer.buffer(toBytes(s)));
  }

  public static ConferenceSession fromBytes(byte[] value) {
    return fromJson(new JsonObject(Buffer.buffer(value)));
  }

  public static ConferenceSession fromJson(JsonObject j) {
    List<Leg> legs = new ArrayList<>();
    for (Object o : j.getJsonArray("legs", new JsonArray())) {
      JsonObject leg = (JsonObject) o;
      legs.add(new Leg(leg.getString("number"), leg.getString("state"), leg.getString("stateTime"),
          leg.getString("answeredAt"), leg.getString("endedAt")));
    }
    SessionStatus status = SessionStatus.fromWire(j.getString("status"));
    if (status == null) {
      throw new IllegalArgumentException("status \"" + j.getString("status") + "\" is not ringing, active or ended");
    }
    return new ConferenceSession(j.getString("sessionId"), j.getString("appId"), j.getString("accountId"),
        j.getString("caller"), status, j.getString("createdAt"), j.getString("answeredAt"), j.getString("endedAt"),
        legs, j.getInteger("cdrCount", 0), j.getLong("billedSeconds", 0L), j.getLong("version", 0L),
        j.getString("updatedAt"));
  }
}
