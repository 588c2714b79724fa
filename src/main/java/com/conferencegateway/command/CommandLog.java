package com.conferencegateway.command;

import com.conferencegateway.support.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The command processor's lines about one command, with its ids in the MDC (for JSON logs and the text pattern). */
final class CommandLog {
  // Named after the pipeline, where these lines come from: operators filter on it.
  private static final Logger LOG = LoggerFactory.getLogger(CommandPipeline.class);

  private CommandLog() {}

  /** One log line with the command's ids (and its W3C traceparent) in the MDC, for JSON logs and the text pattern. */
  static void line(String commandId, String sessionId, String traceparent, String format, Object... args) {
    line(false, commandId, sessionId, traceparent, format, args);
  }

  static void line(boolean debug, String commandId, String sessionId, String traceparent, String format,
      Object... args) {
    new LogContext(commandId, sessionId, traceparent).run(() -> {
      if (debug) {
        LOG.debug(format, args);
      } else {
        LOG.info(format, args);
      }
    });
  }

  /** A line per failure; successes only at DEBUG: at thousands of commands a second, a line each is most of the cost. */
  static void outcome(Command command, CommandResult result, String traceparent) {
    if (result.errorCode() != null || LOG.isDebugEnabled()) {
      line(result.errorCode() == null, command.commandId(), result.sessionId(), traceparent,
          "Command {} ({}) {} after {} attempt(s){}",
          command.commandId(), command.type(), result.status(), result.attempts(),
          result.errorCode() == null ? "" : ": " + result.errorCode() + " " + result.errorMessage());
    }
  }
}
