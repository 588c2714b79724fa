package com.conferencegateway.session;

/** What the fold reads, whichever topic it came from; every event names its session. */
public sealed interface SessionEvent {
  String sessionId();

  /** A call-state change of one leg, from {@code conference.state}. */
  record LegChanged(String sessionId, String appId, String caller, String callee, String state, String stateTime)
      implements SessionEvent {}

  /** One CDR, from {@code conference.cdr}. */
  record CdrBilled(String sessionId, String appId, String detailId, long durationSeconds) implements SessionEvent {}

  /** A succeeded {@code conference.create} result: the gateway created this conference. */
  record Created(String sessionId, String accountId, String createdAt) implements SessionEvent {}

  /** A succeeded {@code conference.end} result: the platform accepted to end the conference. */
  record EndAccepted(String sessionId, String acceptedAt) implements SessionEvent {}
}
