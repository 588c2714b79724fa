package com.conferencegateway.session;

import java.util.List;

/**
 * The current state of one conference, as published to {@code conference.sessions} and answered on
 * {@code /conferences}. {@code version} grows by one with each change; {@code updatedAt} is when the
 * gateway folded that change.
 */
public record ConferenceSession(
    String sessionId,
    String appId,
    String accountId,
    String caller,
    SessionStatus status,
    String createdAt,
    String answeredAt,
    String endedAt,
    List<Leg> legs,
    int cdrCount,
    long billedSeconds,
    long version,
    String updatedAt) {

  public ConferenceSession {
    legs = List.copyOf(legs);
  }

  /** Same content, another version and time: what the fold compares to decide that nothing changed. */
  ConferenceSession stamped(long newVersion, String newUpdatedAt) {
    return new ConferenceSession(sessionId, appId, accountId, caller, status, createdAt, answeredAt, endedAt, legs,
        cdrCount, billedSeconds, newVersion, newUpdatedAt);
  }
}
