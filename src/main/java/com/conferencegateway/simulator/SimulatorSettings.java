package com.conferencegateway.simulator;

import com.conferencegateway.config.GatewayConfig;

/** What the simulator needs of the configuration. */
public record SimulatorSettings(
    String host, int port, String appId, String appKey, int pushMaxAttempts, long pacingMs, double failChance,
    long timestampToleranceSeconds) {

  public static SimulatorSettings from(GatewayConfig.Simulator s, String host) {
    return new SimulatorSettings(host, s.port(), s.appId(), s.appKey(), s.pushMaxAttempts(), s.pacingMs(),
        s.failChance(), s.timestampToleranceSeconds());
  }

  @Override
  public String toString() {
    return "SimulatorSettings[port=" + port + ", appId=" + appId + "]";
  }
}
