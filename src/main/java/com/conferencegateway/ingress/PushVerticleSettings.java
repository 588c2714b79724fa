package com.conferencegateway.ingress;

import io.vertx.core.tracing.TracingPolicy;
import java.util.List;

/** What the push server needs of the configuration. */
public record PushVerticleSettings(
    String host, int port, String pushToken, int maxBodyBytes, int retryAfterSeconds, long drainMs,
    int idleTimeoutSeconds, int headerTimeoutSeconds, int bodyTimeoutSeconds, int maxHeaderBytes,
    List<String> allowedSources, String tlsCertFile, String tlsKeyFile, TracingPolicy tracing) {

  public boolean tls() {
    return tlsCertFile != null && !tlsCertFile.isBlank();
  }

  @Override
  public String toString() {
    return "PushVerticleSettings[host=" + host + ", port=" + port + ", tls=" + tls() + "]";
  }
}
