package com.conferencegateway.command;

/**
 * How many commands may run at once ({@code command.maxInFlight}), and how many one poll may bring
 * (the consumer's {@code max.poll.records}) so that the bound holds: consumption pauses while one
 * more poll could pass it, and resumes once half of it is free.
 */
public record InFlightLimit(int max) {
  public int pollRecords() {
    return Math.max(1, Math.min(500, max / 4));
  }

  boolean full(int inFlight) {
    return inFlight + pollRecords() > max;
  }

  boolean roomAgain(int inFlight) {
    return inFlight <= Math.max(0, max / 2);
  }
}
