package com.conferencegateway.session;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of a conference: the contract's {@code conference.sessions} value, and the state store's
 * value, which is that plus what the fold remembers besides. The only place either is mapped.
 */
public final class SessionJson {
  private SessionJson() {}

  public static JsonObject toJson(ConferenceSession s) {
    JsonObject j = new JsonObject()
        .put("sessionId", s.sessionId())
        .put("appId", s.appId());
    if (s.accountId() != null) {
      j.put("accountId", s.accountId());
    }
    j.put("caller", s.caller()).put("status", s.status().wire());
    if (s.createdAt() != null) {
      j.put("createdAt", s.createdAt());
    }
    JsonArray legs = new JsonArray();
    for (Leg leg : s.legs()) {
      legs.add(new JsonObject().put("number", leg.number()).put("state", leg.state()).put("stateTime", leg.stateTime())
          .put("answeredAt", leg.answeredAt()).put("endedAt", leg.endedAt()));
    }
    return j.put("answeredAt", s.answeredAt()).put("endedAt", s.endedAt()).put("legs", legs)
        .put("cdrCount", s.cdrCount()).put("billedSeconds", s.billedSeconds())
        .put("version", s.version()).put("updatedAt", s.updatedAt());
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

  public static byte[] toBytes(ConferenceSession s) {
    return toJson(s).toBuffer().getBytes();
  }

  public static ConferenceSession fromBytes(byte[] value) {
    return fromJson(new JsonObject(Buffer.buffer(value)));
  }

  /** The state store's value: the view, the CDR ids counted and when an end was accepted. */
  public static byte[] storeBytes(FoldedSession f) {
    return new JsonObject()
        .put("view", toJson(f.view()))
        .put("cdrIds", new JsonArray(new ArrayList<>(f.cdrIds())))
        .put("endAcceptedAt", f.endAcceptedAt())
        .toBuffer().getBytes();
  }

  public static FoldedSession fromStoreBytes(byte[] value) {
    JsonObject j = new JsonObject(Buffer.buffer(value));
    List<String> cdrIds = new ArrayList<>();
    j.getJsonArray("cdrIds", new JsonArray()).forEach(id -> cdrIds.add((String) id));
    return new FoldedSession(fromJson(j.getJsonObject("view")), cdrIds, j.getString("endAcceptedAt"));
  }
}
