package com.conferencegateway.ingress;

/** What the push server needs of the configuration. */
public record PushVerticleSettings(
    String host, int port, String pushToken, int maxBodyBytes, int retryAfterSeconds, long drainMs,
    int idleTimeoutSeconds) {

  @Override
  public String toString() {
    return "PushVerticleSettings[host=" + host + ", port=" + port + "]";
  }
}
