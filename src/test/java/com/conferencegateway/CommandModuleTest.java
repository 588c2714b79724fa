package com.conferencegateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;

class CommandModuleTest {
  private static GatewayConfig config(String extra) {
    return TestGateways.config(TestGateways.yaml("127.0.0.1:1", "t-", extra));
  }

  @Test
  void aPlatformCallWaitsForAConnectionAsLongAsTheRoundsAheadButNotPastItsPartitionsHandOver() {
    // 256 in flight on 32 connections: 8 rounds of 5 s; but 15 s of drain, less 5 s to answer and 0.2 s of backoff.
    assertThat(CommandModule.connectionWaitMs(config(null))).isEqualTo(9_800);
    assertThat(CommandModule.connectionWaitMs(config("command:\n  revokeDrainMs: 120000\n"))).isEqualTo(40_000);
    assertThat(CommandModule.connectionWaitMs(config("platform:\n  maxPoolSize: 256\n"))).isEqualTo(5_000);
    assertThat(CommandModule.connectionWaitMs(config("command:\n  revokeDrainMs: 5200\n")))
        .as("a drain at its minimum: the call timeout, as before").isEqualTo(5_000);
  }
}
