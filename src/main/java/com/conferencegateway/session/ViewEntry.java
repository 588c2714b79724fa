package com.conferencegateway.session;

/**
 * One conference in a replica's view: the four fields the view files it by, and the record's bytes
 * as read from the topic, packed ({@link SessionJson#PACKING}: a 500-byte record keeps about 300).
 */
public record ViewEntry(String sessionId, SessionStatus status, long version, long updatedAtMillis, byte[] packed) {

  /** The record's bytes as read from the topic, answered as they are. */
  public byte[] json() {
    return SessionJson.PACKING.unpack(packed);
  }
}
