package com.conferencegateway.account;

/** A call waited for a key and, meanwhile, stopped being this process's to send (its command was handed over). */
public final class CallWithdrawn extends RuntimeException {
  public CallWithdrawn(String call) {
    super(call + " was not sent: its command was handed over while it waited for a temp key", null, false, false);
  }
}
