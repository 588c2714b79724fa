package com.conferencegateway;

import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.ingress.CdrDedup;
import com.conferencegateway.ingress.PushIngress;
import com.conferencegateway.ingress.PushParser;
import com.conferencegateway.ingress.PushVerticle;
import com.conferencegateway.ingress.PushVerticleSettings;
import com.conferencegateway.ingress.SourceLimits;
import com.conferencegateway.support.Module;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push server the platform reaches, one instance per event loop, and the CDR dedup set it
 * needs. Owns the readiness check "cdrDedup": CDR pushes wait (503) until every replica's set is
 * rebuilt from {@code conference.cdr}.
 */
final class IngressModule implements Module {
  private static final Logger LOG = LoggerFactory.getLogger(IngressModule.class);

  private final GatewayContext runtime;
  private final KafkaModule kafka;
  private final CdrDedup cdrDedup;
  private volatile boolean dedupLoaded;
  private String deployment;
  private int pushPort;

  IngressModule(GatewayContext runtime, KafkaModule kafka) {
    this.runtime = runtime;
    this.kafka = kafka;
    this.cdrDedup = new CdrDedup(runtime.config().gateway().cdrDedup().maxEntries());
  }

  @Override
  public Future<Void> start() {
    GatewayConfig config = runtime.config();
    runtime.readiness().check("cdrDedup", () -> dedupLoaded
        ? Future.succeededFuture()
        : Future.failedFuture("loading the CDRs already accepted from " + config.kafka().topics().cdr()));
    kafka.topicsReady()
        .compose(v -> runtime.untilDone("Loading the CDR dedup set", this::loadDedup))
        .onSuccess(v -> dedupLoaded = true);
    return deployPushServers(config);
  }

  private Future<Void> deployPushServers(GatewayConfig config) {
    GatewayConfig.Gateway g = config.gateway();
    Set<String> apps = new HashSet<>(g.servedAppIds());
    String appId = config.platform().appId();
    if (appId != null && !appId.isBlank()) {
      apps.add(appId);
    }
    PushIngress ingress = new PushIngress(new PushParser(apps), kafka.publisher(), cdrDedup,
        config.kafka().topics().state(), config.kafka().topics().cdr(), g.publishTimeoutMs(),
        runtime.readiness()::isDraining, () -> dedupLoaded, runtime.clock());
    GatewayConfig.Limits l = g.limits();
    PushVerticleSettings settings = new PushVerticleSettings(g.host(), g.httpPort(), g.pushToken(),
        g.maxBodyBytes(), g.retryAfterSeconds(), g.shutdownDrainMs(), l.idleTimeoutSeconds(), l.headerTimeoutSeconds(),
        l.bodyTimeoutSeconds(), l.maxHeaderBytes(), g.security().allowedSources(), g.security().tlsCertFile(),
        g.security().tlsKeyFile(), runtime.tracing().pushServerPolicy());
    SourceLimits limits = new SourceLimits(l.requestsPerSecondPerSource(), l.burstPerSource(),
        l.connectionsPerSource(), System::nanoTime);
    // One server per event loop, sharing the port: pushes are spread over every core.
    List<PushVerticle> instances = new CopyOnWriteArrayList<>();
    return runtime.vertx().deployVerticle(() -> {
          PushVerticle push = new PushVerticle(settings, ingress, runtime.metrics().registry(), limits);
          instances.add(push);
          return push;
        }, new DeploymentOptions().setInstances(g.pushInstances()))
        .map(id -> {
          deployment = id;
          pushPort = instances.get(0).actualPort();
          return null;
        });
  }

  private Future<Void> loadDedup() {
    int hours = runtime.config().gateway().cdrDedup().rebuildWindowHours();
    Instant since = runtime.clock().instant().minus(Duration.ofHours(hours));
    // The Kafka record's own headers: Vert.x's view of them copies every header of every CDR.
    return kafka.tail("cdr-index", runtime.config().kafka().topics().cdr(), since, record -> {
      Header id = record.record().headers().lastHeader("ce_id");
      if (id != null && id.value() != null) {
        cdrDedup.markSeen(new String(id.value(), StandardCharsets.UTF_8));
      }
    }).onSuccess(v -> LOG.info("CDR dedup loaded: {} detailIds seen in the last {} h", cdrDedup.size(), hours));
  }

  int pushPort() {
    return pushPort;
  }

  /** Stops accepting pushes and lets those in flight get their answer. */
  @Override
  public Future<Void> stop() {
    return deployment == null ? Future.succeededFuture() : runtime.vertx().undeploy(deployment);
  }
}
