package com.conferencegateway;

import com.conferencegateway.config.DevSecretKey;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.ingress.CdrDedup;
import com.conferencegateway.ingress.PushIngress;
import com.conferencegateway.ingress.PushParser;
import com.conferencegateway.ingress.PushVerticle;
import com.conferencegateway.ingress.PushVerticleSettings;
import com.conferencegateway.kafka.EmbeddedKafka;
import com.conferencegateway.kafka.KafkaClientProperties;
import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.kafka.TopicSetup;
import com.conferencegateway.kafka.TopicTail;
import com.conferencegateway.ops.GatewayMetrics;
import com.conferencegateway.ops.ManagementVerticle;
import com.conferencegateway.ops.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: the embedded broker (dev mode), Vert.x, the Kafka clients and the
 * verticles, started in order and stopped in the reverse order. Main and the tests both use it.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final long TOPIC_RETRY_MS = 2000;

  private final GatewayConfig config;
  private final EmbeddedKafka embeddedKafka;
  private final Vertx vertx;
  private final GatewayMetrics metrics;
  private final Readiness readiness = new Readiness();
  private final List<String> deployments = new ArrayList<>();
  private final List<TopicTail> tails = new ArrayList<>();
  private KafkaAdminClient admin;
  private KafkaProducer<String, byte[]> producer;
  private CdrDedup cdrDedup;
  private volatile boolean cdrDedupLoaded;
  private volatile boolean topicsReady;
  private volatile String topicsProblem = "not checked yet";
  private int pushPort;
  private int managementPort;

  private Gateway(GatewayConfig config, EmbeddedKafka embeddedKafka, GatewayMetrics metrics, Vertx vertx) {
    this.config = config;
    this.embeddedKafka = embeddedKafka;
    this.metrics = metrics;
    this.vertx = vertx;
  }

  /**
   * Starts everything. Blocks while an embedded broker starts (call it from main or a test thread,
   * never from an event loop); the rest is asynchronous.
   */
  public static Future<Gateway> start(GatewayConfig config) {
    EmbeddedKafka embedded = null;
    if (config.kafka().embeddedMode()) {
      GatewayConfig.Embedded e = config.kafka().embedded();
      embedded = new EmbeddedKafka(Path.of(e.dataDir()), e.host(), e.port(), e.controllerPort()).start();
      config = config.withKafka(config.kafka().withBootstrapServers(embedded.bootstrapServers()));
      if (config.gateway().secretKey() == null || config.gateway().secretKey().isBlank()) {
        config = withSecretKey(config, DevSecretKey.loadOrCreate(Path.of(e.dataDir())));
      }
      DevModeBanner.kafka(embedded);
    }
    GatewayMetrics metrics = new GatewayMetrics();
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics.vertxMetricsOptions()))
        .withMetrics(metrics.vertxMetricsFactory())
        .build();
    Gateway gateway = new Gateway(config, embedded, metrics, vertx);
    return gateway.startComponents().map(gateway).recover(e -> gateway.stop().transform(ignored -> Future.failedFuture(e)));
  }

  private static GatewayConfig withSecretKey(GatewayConfig c, String key) {
    GatewayConfig.Gateway g = c.gateway();
    return c.withGateway(new GatewayConfig.Gateway(g.host(), g.httpPort(), g.managementPort(), g.publicUrl(),
        g.pushToken(), key, g.servedAppIds(), g.maxBodyBytes(), g.publishTimeoutMs(), g.retryAfterSeconds(),
        g.shutdownDrainMs(), g.cdrDedup()));
  }

  private Future<Void> startComponents() {
    GatewayConfig.Kafka kafka = config.kafka();
    admin = KafkaAdminClient.create(vertx, KafkaClientProperties.admin(kafka, "conference-gateway-admin"));
    producer = KafkaProducer.createShared(vertx, "conference-gateway",
        KafkaClientProperties.producer(kafka, "conference-gateway-producer"));
    metrics.bindKafkaProducer(producer.unwrap());
    cdrDedup = new CdrDedup(config.gateway().cdrDedup().maxEntries());

    readiness
        .check("kafka", this::kafkaReachable)
        .check("topics", () -> topicsReady ? Future.succeededFuture() : Future.failedFuture(topicsProblem))
        .check("cdrDedup", () -> cdrDedupLoaded
            ? Future.succeededFuture()
            : Future.failedFuture("loading the CDRs already accepted from " + kafka.topics().cdr()));

    ManagementVerticle management = new ManagementVerticle(
        config.gateway().host(), config.gateway().managementPort(), readiness, metrics);
    return deploy(management)
        .onSuccess(v -> managementPort = management.actualPort())
        .compose(v -> deployPushServer())
        .onSuccess(v -> {
          readiness.deployed();
          ensureTopicsThenLoadState();
          LOG.info("Gateway started: pushes on port {}, health and metrics on port {}", pushPort, managementPort);
        })
        .onFailure(e -> readiness.startupProblem(e.getMessage()));
  }

  private Future<Void> deployPushServer() {
    GatewayConfig.Gateway g = config.gateway();
    Set<String> apps = new HashSet<>(g.servedAppIds());
    if (config.platform().appId() != null && !config.platform().appId().isBlank()) {
      apps.add(config.platform().appId());
    }
    PushIngress ingress = new PushIngress(new PushParser(apps), new KafkaPublisher(producer), cdrDedup,
        config.kafka().topics().state(), config.kafka().topics().cdr(), g.publishTimeoutMs(),
        readiness::isDraining, () -> cdrDedupLoaded, Clock.systemUTC());
    PushVerticle push = new PushVerticle(new PushVerticleSettings(g.host(), g.httpPort(), g.pushToken(),
        g.maxBodyBytes(), g.retryAfterSeconds(), g.shutdownDrainMs(), 60), ingress, metrics.registry());
    return deploy(push).onSuccess(v -> pushPort = push.actualPort());
  }

  private Future<Void> kafkaReachable() {
    return admin.describeCluster()
        .timeout(config.kafka().readyTimeoutMs(), TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture("Kafka at " + config.kafka().bootstrapServers()
            + " did not answer within " + config.kafka().readyTimeoutMs() + " ms"));
  }

  /** Topics, then the state kept in them; retried until Kafka is there, so a late broker needs no restart. */
  private void ensureTopicsThenLoadState() {
    if (readiness.isDraining()) {
      return;
    }
    TopicSetup.ensure(admin, config.kafka().topics(), 10_000)
        .onSuccess(v -> {
          topicsReady = true;
          topicsProblem = null;
          loadCdrDedup();
        })
        .onFailure(e -> {
          topicsProblem = e.getMessage();
          LOG.warn("Kafka topics not ready: {}; retrying in {} ms", e.getMessage(), TOPIC_RETRY_MS);
          vertx.setTimer(TOPIC_RETRY_MS, id -> ensureTopicsThenLoadState());
        });
  }

  private void loadCdrDedup() {
    Instant since = Instant.now().minus(Duration.ofHours(config.gateway().cdrDedup().rebuildWindowHours()));
    TopicTail.start(vertx, KafkaClientProperties.consumer(config.kafka(), "conference-gateway-cdr-index", null),
            config.kafka().topics().cdr(), since, record -> {
              var id = record.headers().stream().filter(h -> h.key().equals("ce_id")).findFirst();
              id.ifPresent(h -> cdrDedup.markSeen(h.value().toString()));
            })
        .compose(tail -> {
          tails.add(tail);
          return tail.caughtUp();
        })
        .onSuccess(v -> {
          cdrDedupLoaded = true;
          LOG.info("CDR dedup loaded: {} detailIds seen in the last {} h", cdrDedup.size(),
              config.gateway().cdrDedup().rebuildWindowHours());
        })
        .onFailure(e -> {
          LOG.warn("Loading the CDR dedup set failed: {}; retrying", e.getMessage());
          vertx.setTimer(TOPIC_RETRY_MS, id -> loadCdrDedup());
        });
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).map(id -> {
      deployments.add(id);
      return null;
    });
  }

  /**
   * Graceful stop: ready turns 503 and new pushes are refused, pushes in flight get their answers,
   * the producer is flushed, consumers commit, then Vert.x and the embedded broker stop.
   */
  public Future<Void> stop() {
    readiness.draining();
    Promise<Void> done = Promise.promise();
    undeployInReverse(new ArrayList<>(deployments))
        .eventually(() -> producer == null ? Future.succeededFuture() : producer.flush())
        .eventually(() -> Future.join(tails.stream().map(TopicTail::close).toList()))
        .eventually(() -> producer == null ? Future.succeededFuture() : producer.close())
        .eventually(() -> admin == null ? Future.succeededFuture() : admin.close())
        .eventually(vertx::close)
        .onComplete(ar -> {
          metrics.close();
          done.complete();
        });
    return done.future();
  }

  /** Stops the embedded broker, if any; blocking: call after {@link #stop()} from a non-Vert.x thread. */
  public void stopEmbeddedKafka() {
    if (embeddedKafka != null) {
      embeddedKafka.stop();
    }
  }

  private Future<Void> undeployInReverse(List<String> ids) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = ids.size() - 1; i >= 0; i--) {
      String id = ids.get(i);
      chain = chain.eventually(() -> vertx.undeploy(id));
    }
    return chain;
  }

  public GatewayConfig config() {
    return config;
  }

  public int pushPort() {
    return pushPort;
  }

  public int managementPort() {
    return managementPort;
  }

  public Readiness readiness() {
    return readiness;
  }

  public Vertx vertx() {
    return vertx;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

}
