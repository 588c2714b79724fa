package com.conferencegateway.simulator;

import java.time.Instant;

/** An app or an organisation account: what signs calls and where its pushes go. */
final class SimulatedPrincipal {
  final String id;
  final String permanentKey;
  final boolean app;
  String tempKey;
  Instant tempKeyIssuedAt;
  String companyId;
  String statusUrl;
  String recordUrl;
  long balanceMoney;
  long balanceTime;
  /** getAccountkey calls answered with a key, and temp keys invalidated by the admin API or the fault. */
  int tempKeysIssued;
  int tempKeysInvalidated;
  /** Refuses its signed calls, properly signed or not, for a reason that is not its key. */
  boolean suspended;

  SimulatedPrincipal(String id, String permanentKey, boolean app) {
    this.id = id;
    this.permanentKey = permanentKey;
    this.app = app;
  }
}
