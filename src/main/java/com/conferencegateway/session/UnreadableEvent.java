package com.conferencegateway.session;

/** A record in one of the fold's input topics that is not what the contract says: skipped and counted. */
public final class UnreadableEvent extends RuntimeException {
  public UnreadableEvent(String message) {
    super(message, null, false, false);
  }
}
