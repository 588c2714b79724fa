package com.conferencegateway.command;

/** A command that cannot be carried out as it is: it goes to the DLQ, with a rejected result when it has an id. */
final class InvalidCommand extends RuntimeException {
  private final String code;
  private final String commandId;
  private final String type;

  public InvalidCommand(String code, String message, String commandId, String type) {
    super(message, null, false, false);
    this.code = code;
    this.commandId = commandId;
    this.type = type;
  }

  public String code() {
    return code;
  }

  /** Null when the command had no readable commandId. */
  public String commandId() {
    return commandId;
  }

  public String type() {
    return type;
  }
}
