package com.conferencegateway;

import com.conferencegateway.ops.ManagementVerticle;
import com.conferencegateway.support.Module;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;

/** Health, metrics and queries on their own port, started first so that a starting gateway can be watched. */
final class ManagementModule implements Module {
  private final GatewayContext runtime;
  private final Consumer<Router> routes;
  private ManagementVerticle verticle;
  private String deployment;

  /** {@code routes}: what other modules answer on this port (the session view's queries). */
  ManagementModule(GatewayContext runtime, Consumer<Router> routes) {
    this.runtime = runtime;
    this.routes = routes;
  }

  @Override
  public Future<Void> start() {
    verticle = new ManagementVerticle(runtime.config().gateway().host(), runtime.config().gateway().managementPort(),
        runtime.readiness(), runtime.metrics(), routes);
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
