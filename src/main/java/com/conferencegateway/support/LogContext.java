package com.conferencegateway.support;

import org.slf4j.MDC;

/**
 * The ids a log line about a command carries (commandId, sessionId, W3C traceparent), put in the
 * MDC around one line and removed after it: log lines are written on shared event loops.
 */
public record LogContext(String commandId, String sessionId, String traceparent) {

  public void run(Runnable line) {
    try {
      put("commandId", commandId);
      put("sessionId", sessionId);
      put("traceparent", traceparent);
      line.run();
    } finally {
      MDC.remove("commandId");
      MDC.remove("sessionId");
      MDC.remove("traceparent");
    }
  }

  private static void put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }
}
