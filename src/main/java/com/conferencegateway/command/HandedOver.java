package com.conferencegateway.command;

/**
 * A command's partition went to another consumer before the command was carried out: it is not
 * tried again here (the new owner carries it out), and no result is published for it here.
 */
final class HandedOver extends RuntimeException {
  HandedOver(Command command) {
    super("command " + command.commandId() + " was handed over with its partition before it was carried out",
        null, false, false);
  }
}
