package com.conferencegateway.ingress;

import com.conferencegateway.support.UtcTime;
import com.conferencegateway.platform.PlatformTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

/** One call-state change of one leg of a conference (§7.3.1), as published to {@code conference.state}. */
record CallState(
    String sessionId,
    String caller,
    String callee,
    String state,
    OffsetDateTime stateTime,
    String appId,
    Instant receivedAt) {

  /** §8.5: the only states the platform sends. */
  public static final Set<String> STATES = Set.of("INVITE", "RINGING", "ANSWERED", "DISCONNECTED", "FAILED", "CANCEL");

  /**
   * The same push sent twice gives the same id, so consumers can drop repeats: session, callee,
   * state and stateTime, readable as they are (a hash cost 15% of the push path's CPU).
   */
  public String eventId() {
    return sessionId + ":" + callee + ":" + state + ":" + PlatformTime.compactMillis(stateTime);
  }

  /** The contract's {@code conference.state} value; the only place it is mapped. */
  public byte[] toJsonBytes() {
    return RecordJson.object(g -> {
      g.writeStringField("sessionId", sessionId);
      g.writeStringField("caller", caller);
      g.writeStringField("callee", callee);
      g.writeStringField("state", state);
      g.writeStringField("stateTime", PlatformTime.isoMillis(stateTime));
      g.writeStringField("appId", appId);
      g.writeStringField("receivedAt", UtcTime.millis(receivedAt));
    });
  }
}
