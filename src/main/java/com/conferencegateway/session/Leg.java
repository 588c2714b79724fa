package com.conferencegateway.session;

/**
 * One leg of a conference: a number that appeared as {@code callee}, its latest state by
 * {@code stateTime}, and when it was first answered and when it ended. Times are as the platform
 * sent them (UTC+8, ISO-8601 with offset).
 */
public record Leg(String number, String state, String stateTime, String answeredAt, String endedAt) {}
