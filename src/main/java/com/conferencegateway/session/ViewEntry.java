package com.conferencegateway.session;

/**
 * One conference in a replica's view: the record's bytes as read from the topic (answered as they
 * are), and the four fields the view files it by.
 */
public record ViewEntry(String sessionId, SessionStatus status, long version, long updatedAtMillis, byte[] json) {}
