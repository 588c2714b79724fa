package com.conferencegateway.command;

import com.conferencegateway.account.KeyUse;
import com.conferencegateway.support.LogContext;
import java.util.function.BooleanSupplier;

/**
 * The attempts of one command, and what its log lines carry in the MDC: the command id, the session
 * and the W3C traceparent of the command's record, so that a platform call's log lines can be found
 * from the trace that produced the command. Used on one event loop only.
 */
final class Attempts {
  private final Command command;
  private final LogContext logContext;
  private final BooleanSupplier stillOurs;
  private final KeyUse keyUse;
  private int count;

  Attempts(Command command, String traceparent) {
    this(command, traceparent, () -> true);
  }

  /** {@code stillOurs}: false once the command's partition has been handed over to another consumer. */
  Attempts(Command command, String traceparent, BooleanSupplier stillOurs) {
    this.command = command;
    this.logContext = new LogContext(command.commandId(), command.sessionId(), traceparent);
    this.stillOurs = stillOurs;
    this.keyUse = new KeyUse(stillOurs);
  }

  /** The command's temp-key refusals so far, across its attempts. */
  KeyUse keyUse() {
    return keyUse;
  }

  boolean stillOurs() {
    return stillOurs.getAsBoolean();
  }

  int get() {
    return count;
  }

  int incrementAndGet() {
    return ++count;
  }

  Command command() {
    return command;
  }

  void log(Runnable line) {
    logContext.run(line);
  }
}
