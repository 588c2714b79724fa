package com.conferencegateway.simulator;

/** A leg's state: NEW before it is dialled, then the spec's call states (§8.5). */
enum LegState {
  NEW, INVITE, RINGING, ANSWERED, DISCONNECTED, FAILED, CANCEL;

  /** The leg is gone: nothing more happens to it. */
  boolean over() {
    return this == DISCONNECTED || this == FAILED || this == CANCEL;
  }
}
