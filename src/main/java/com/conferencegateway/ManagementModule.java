package com.conferencegateway;

import com.conferencegateway.ops.ManagementVerticle;
import com.conferencegateway.support.Module;
import io.vertx.core.Future;

/** Health and metrics on their own port, started first so that a starting gateway can be watched. */
final class ManagementModule implements Module {
  private final GatewayContext runtime;
  private ManagementVerticle verticle;
  private String deployment;

  ManagementModule(GatewayContext runtime) {
    this.runtime = runtime;
  }

  @Override
  public Future<Void> start() {
    verticle = new ManagementVerticle(runtime.config().gateway().host(), runtime.config().gateway().managementPort(),
        runtime.readiness(), runtime.metrics());
    return runtime.vertx().deployVerticle(verticle).map(id -> {
      deployment = id;
      return null;
    });
  }

  int port() {
    return verticle.actualPort();
  }

  @Override
  public Future<Void> stop() {
    return deployment == null ? Future.succeededFuture() : runtime.vertx().undeploy(deployment);
  }
}
