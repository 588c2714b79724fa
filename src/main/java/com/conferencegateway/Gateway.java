package com.conferencegateway;

import com.conferencegateway.command.CommandExecutor;
import com.conferencegateway.command.CommandMetrics;
import com.conferencegateway.command.CommandOutput;
import com.conferencegateway.command.CommandParser;
import com.conferencegateway.command.CommandPipeline;
import com.conferencegateway.command.CommandVerticle;
import com.conferencegateway.command.DoneCommands;
import com.conferencegateway.config.DevSecretKey;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.ingress.CdrDedup;
import com.conferencegateway.ingress.PushIngress;
import com.conferencegateway.ingress.PushParser;
import com.conferencegateway.ingress.PushVerticle;
import com.conferencegateway.ingress.PushVerticleSettings;
import com.conferencegateway.ingress.SourceLimits;
import com.conferencegateway.kafka.EmbeddedKafka;
import com.conferencegateway.kafka.KafkaClientProperties;
import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.kafka.TopicSetup;
import com.conferencegateway.kafka.TopicTail;
import com.conferencegateway.ops.GatewayMetrics;
import com.conferencegateway.ops.ManagementVerticle;
import com.conferencegateway.ops.Readiness;
import com.conferencegateway.platform.AccountStore;
import com.conferencegateway.platform.AccountsFile;
import com.conferencegateway.platform.KeyRing;
import com.conferencegateway.platform.PlatformApi;
import com.conferencegateway.platform.PlatformBreaker;
import com.conferencegateway.platform.PlatformClient;
import com.conferencegateway.platform.SecretBox;
import com.conferencegateway.platform.TimestampFormat;
import com.conferencegateway.simulator.SimulatorSettings;
import com.conferencegateway.simulator.SimulatorVerticle;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * One running gateway: the embedded broker and simulator (dev mode), Vert.x, the Kafka clients and
 * the verticles, started in order and stopped in the reverse order. Main and the tests both use it.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final long RETRY_MS = 2000;

  private GatewayConfig config;
  private final EmbeddedKafka embeddedKafka;
  private final Map<String, String> fileAccounts;
  private final Vertx vertx;
  private final GatewayMetrics metrics;
  private final Readiness readiness = new Readiness();
  private final List<String> deployments = new ArrayList<>();
  private final List<TopicTail> tails = new ArrayList<>();
  private KafkaAdminClient admin;
  private KafkaProducer<String, byte[]> producer;
  private CdrDedup cdrDedup;
  private SimulatorVerticle simulator;
  private HttpClient platformHttp;
  private PlatformApi platform;
  private AccountStore accounts;
  private DoneCommands doneCommands;
  private volatile boolean cdrDedupLoaded;
  private volatile boolean commandsRunning;
  private volatile boolean topicsReady;
  private volatile String topicsProblem = "not checked yet";
  private int pushPort;
  private int managementPort;

  private Gateway(GatewayConfig config, EmbeddedKafka embeddedKafka, Map<String, String> fileAccounts,
      GatewayMetrics metrics, Vertx vertx) {
    this.config = config;
    this.embeddedKafka = embeddedKafka;
    this.fileAccounts = fileAccounts;
    this.metrics = metrics;
    this.vertx = vertx;
  }

  /**
   * Starts everything. Blocks while an embedded broker starts and the accounts file is read (call
   * it from main or a test thread, never from an event loop); the rest is asynchronous.
   */
  public static Future<Gateway> start(GatewayConfig config) {
    Map<String, String> fileAccounts = AccountsFile.read(config.platform().accountsFile());
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
    Gateway gateway = new Gateway(config, embedded, fileAccounts, metrics, vertx);
    return gateway.startComponents().map(gateway)
        .recover(e -> gateway.stop().transform(ignored -> Future.failedFuture(e)));
  }

  private static GatewayConfig withSecretKey(GatewayConfig c, String key) {
    GatewayConfig.Gateway g = c.gateway();
    return c.withGateway(new GatewayConfig.Gateway(g.host(), g.httpPort(), g.managementPort(), g.publicUrl(),
        g.pushToken(), key, g.servedAppIds(), g.maxBodyBytes(), g.publishTimeoutMs(), g.retryAfterSeconds(),
        g.shutdownDrainMs(), g.pushInstances(), g.cdrDedup(), g.security(), g.limits()));
  }

  private Future<Void> startComponents() {
    GatewayConfig.Kafka kafka = config.kafka();
    admin = KafkaAdminClient.create(vertx, KafkaClientProperties.admin(kafka, "conference-gateway-admin"));
    producer = KafkaProducer.createShared(vertx, "conference-gateway",
        KafkaClientProperties.producer(kafka, "conference-gateway-producer"));
    metrics.bindKafkaProducer(producer.unwrap());
    cdrDedup = new CdrDedup(config.gateway().cdrDedup().maxEntries());
    doneCommands = new DoneCommands(config.command().doneWindow());

    readiness
        .check("kafka", this::kafkaReachable)
        .check("topics", () -> topicsReady ? Future.succeededFuture() : Future.failedFuture(topicsProblem))
        .check("cdrDedup", () -> cdrDedupLoaded
            ? Future.succeededFuture()
            : Future.failedFuture("loading the CDRs already accepted from " + kafka.topics().cdr()))
        .check("commands", () -> commandsRunning
            ? Future.succeededFuture()
            : Future.failedFuture("loading accounts and done commands before consuming " + kafka.topics().command()));

    ManagementVerticle management = new ManagementVerticle(
        config.gateway().host(), config.gateway().managementPort(), readiness, metrics);
    return deploy(management)
        .onSuccess(v -> managementPort = management.actualPort())
        .compose(v -> deployPushServer())
        .compose(v -> startSimulatorIfEmbedded())
        .map(v -> {
          createPlatformApi();
          return (Void) null;
        })
        .onSuccess(v -> {
          readiness.deployed();
          ensureTopicsThenLoadState();
          LOG.info("Gateway started: pushes on port {}, health and metrics on port {}, platform at {}", pushPort,
              managementPort, config.platform().baseUrl());
        })
        .onFailure(e -> readiness.startupProblem(e.getMessage()));
  }

  private Future<Void> deployPushServer() {
    GatewayConfig.Gateway g = config.gateway();
    Set<String> apps = new HashSet<>(g.servedAppIds());
    String appId = config.platform().embeddedMode() ? simulatorApp().appId() : config.platform().appId();
    if (appId != null && !appId.isBlank()) {
      apps.add(appId);
    }
    PushIngress ingress = new PushIngress(new PushParser(apps), new KafkaPublisher(producer), cdrDedup,
        config.kafka().topics().state(), config.kafka().topics().cdr(), g.publishTimeoutMs(),
        readiness::isDraining, () -> cdrDedupLoaded, Clock.systemUTC());
    GatewayConfig.Limits l = g.limits();
    PushVerticleSettings settings = new PushVerticleSettings(g.host(), g.httpPort(), g.pushToken(),
        g.maxBodyBytes(), g.retryAfterSeconds(), g.shutdownDrainMs(), l.idleTimeoutSeconds(), l.headerTimeoutSeconds(),
        l.bodyTimeoutSeconds(), l.maxHeaderBytes(), g.security().allowedSources(), g.security().tlsCertFile(),
        g.security().tlsKeyFile());
    SourceLimits limits = new SourceLimits(l.requestsPerSecondPerSource(), l.burstPerSource(),
        l.connectionsPerSource(), System::nanoTime);
    // One server per event loop, sharing the port: pushes are spread over every core.
    List<PushVerticle> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
    return vertx.deployVerticle(() -> {
          PushVerticle push = new PushVerticle(settings, ingress, metrics.registry(), limits);
          instances.add(push);
          return push;
        }, new io.vertx.core.DeploymentOptions().setInstances(g.pushInstances()))
        .map(id -> {
          deployments.add(id);
          pushPort = instances.get(0).actualPort();
          return (Void) null;
        });
  }

  /** Where the platform should push: GATEWAY_PUBLIC_URL (default http://localhost:port), with the token if one is set. */
  private CommandExecutor.PushUrls pushUrls() {
    String base = config.gateway().publicUrl();
    if (base == null || base.isBlank()) {
      base = "http://localhost:" + pushPort;
    }
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String query = config.gateway().tokenRequired()
        ? "?token=" + URLEncoder.encode(config.gateway().pushToken(), StandardCharsets.UTF_8) : "";
    return new CommandExecutor.PushUrls(base + "/platform/status" + query, base + "/platform/cdr" + query);
  }

  private Future<Void> startSimulatorIfEmbedded() {
    if (!config.platform().embeddedMode()) {
      return Future.succeededFuture();
    }
    GatewayConfig.Simulator s = config.simulator();
    CommandExecutor.PushUrls urls = pushUrls();
    GatewayConfig.Simulator app = simulatorApp();
    simulator = new SimulatorVerticle(SimulatorSettings.from(app, "127.0.0.1"), platform ->
        platform.addAccount(s.demoAccountId(), s.demoAccountKey(), "demo-company", urls.statusUrl(), urls.recordUrl()));
    return deploy(simulator).onSuccess(v -> {
      config = config.withPlatform(config.platform().with(
          "http://127.0.0.1:" + simulator.actualPort() + "/httpIntf", app.appId(), app.appKey()));
      DevModeBanner.simulator(config.platform().baseUrl(), app, app.appKey().equals(s.appKey()));
    });
  }

  /**
   * The embedded simulator's app: PLATFORM_APP_ID/PLATFORM_APP_KEY when they are set (the contract
   * makes the demo app only their default), else the demo app.
   */
  private GatewayConfig.Simulator simulatorApp() {
    GatewayConfig.Simulator s = config.simulator();
    GatewayConfig.Platform p = config.platform();
    String id = p.appId() == null || p.appId().isBlank() ? s.appId() : p.appId();
    String key = p.appKey() == null || p.appKey().isBlank() ? s.appKey() : p.appKey();
    return new GatewayConfig.Simulator(s.port(), id, key, s.demoAccountId(), s.demoAccountKey(), s.pushMaxAttempts(),
        s.pacingMs(), s.failChance(), s.timestampToleranceSeconds());
  }

  private void createPlatformApi() {
    GatewayConfig.Platform p = config.platform();
    // Kept-alive connections are dropped well before a typical server's idle timeout (5 s and up): a
    // request written into a connection the server is closing has an unknown outcome.
    platformHttp = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(4)
        .setConnectTimeout((int) Math.min(p.requestTimeoutMs(), Integer.MAX_VALUE)),
        new PoolOptions().setHttp1MaxSize(p.maxPoolSize()));
    PlatformClient client = new PlatformClient(platformHttp, p.baseUrl(), TimestampFormat.fromConfig(p.timestampFormat()),
        p.requestTimeoutMs(), Clock.systemUTC());
    accounts = new AccountStore(new KafkaPublisher(producer), config.kafka().topics().accounts(),
        new SecretBox(DevSecretKey.decode(config.gateway().secretKey())), Clock.systemUTC(),
        config.gateway().publishTimeoutMs());
    accounts.appId(p.appId());
    KeyRing keys = new KeyRing(client, Clock.systemUTC(), Duration.ofMinutes(p.tempKeyRefreshMinutes()),
        accounts::tempKeyFetched);
    accounts.attach(keys);
    keys.putPermanent(p.appId(), p.appKey());
    fileAccounts.forEach(keys::putPermanent);
    if (p.embeddedMode() || simulator != null) {
      keys.putPermanent(config.simulator().demoAccountId(), config.simulator().demoAccountKey());
    }
    platform = new PlatformApi(client, keys);
    long every = Math.max(10_000, Duration.ofMinutes(p.tempKeyRefreshMinutes()).toMillis() / 10);
    vertx.setPeriodic(every, id -> keys.refreshDue());
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
          retrying("the CDR dedup set", this::loadCdrDedup);
          retrying("accounts and done commands", this::startCommands);
        })
        .onFailure(e -> {
          topicsProblem = e.getMessage();
          LOG.warn("Kafka topics not ready: {}; retrying in {} ms", e.getMessage(), RETRY_MS);
          vertx.setTimer(RETRY_MS, id -> ensureTopicsThenLoadState());
        });
  }

  private void retrying(String what, java.util.function.Supplier<Future<Void>> step) {
    if (readiness.isDraining()) {
      return;
    }
    step.get().onFailure(e -> {
      LOG.warn("Loading {} failed: {}; retrying in {} ms", what, e.getMessage(), RETRY_MS);
      vertx.setTimer(RETRY_MS, id -> retrying(what, step));
    });
  }

  private Future<Void> loadCdrDedup() {
    Instant since = Instant.now().minus(Duration.ofHours(config.gateway().cdrDedup().rebuildWindowHours()));
    return tail("cdr-index", config.kafka().topics().cdr(), since, record -> {
      var id = record.headers().stream().filter(h -> h.key().equals("ce_id")).findFirst();
      id.ifPresent(h -> cdrDedup.markSeen(h.value().toString()));
    }).onSuccess(v -> {
      cdrDedupLoaded = true;
      LOG.info("CDR dedup loaded: {} detailIds seen in the last {} h", cdrDedup.size(),
          config.gateway().cdrDedup().rebuildWindowHours());
    });
  }

  /** Accounts (from the beginning: compacted) and done commands first, so no command runs on stale knowledge. */
  private Future<Void> startCommands() {
    Instant since = Instant.now().minus(Duration.ofHours(config.command().doneRebuildHours()));
    Future<Void> accountsLoaded = tail("accounts", config.kafka().topics().accounts(), null,
        record -> accounts.learn(record.value()));
    Future<Void> doneLoaded = tail("done-commands", config.kafka().topics().commandResult(), since, record -> {
      try {
        doneCommands.record(new JsonObject(new String(record.value(), StandardCharsets.UTF_8)));
      } catch (RuntimeException e) {
        LOG.debug("Skipping an unreadable result at offset {}", record.offset());
      }
    });
    return Future.all(accountsLoaded, doneLoaded).compose(v -> deployCommands()).onSuccess(v -> {
      commandsRunning = true;
      LOG.info("Consuming {}: {} done commands and {} keyed accounts known", config.kafka().topics().command(),
          doneCommands.size(), platform.keys().ids().size());
    });
  }

  private Future<Void> tail(String name, String topic, Instant since,
      java.util.function.Consumer<io.vertx.kafka.client.consumer.KafkaConsumerRecord<String, byte[]>> onRecord) {
    return TopicTail.start(vertx, KafkaClientProperties.consumer(config.kafka(), "conference-gateway-" + name, null),
            topic, since, onRecord)
        .compose(t -> {
          tails.add(t);
          return t.caughtUp();
        });
  }

  private Future<Void> deployCommands() {
    GatewayConfig.Command c = config.command();
    PlatformBreaker breaker = new PlatformBreaker(c.breaker().failureThreshold(), c.breaker().openMs(), Clock.systemUTC());
    CommandMetrics commandMetrics = new CommandMetrics(metrics.registry());
    CommandExecutor executor = new CommandExecutor(platform, accounts, breaker, com.conferencegateway.support.Timers.of(vertx),
        Clock.systemUTC(), config.platform().appId(), pushUrls(), c.maxAttempts(), c.backoffInitialMs(),
        c.backoffMaxMs(), commandMetrics, java.util.Set.copyOf(c.repeatableOnUnknownOutcome()));
    CommandOutput output = new CommandOutput(new KafkaPublisher(producer), config.kafka().topics().commandResult(),
        config.kafka().topics().commandDlq(), config.gateway().publishTimeoutMs(), Clock.systemUTC());
    CommandParser parser = new CommandParser();
    Map<String, String> props = KafkaClientProperties.consumer(config.kafka(), "conference-gateway-commands", c.groupId());
    CommandVerticle verticle = new CommandVerticle(props, config.kafka().topics().command(),
        config.gateway().shutdownDrainMs(), c.revokeDrainMs(), flow -> {
          CommandPipeline pipeline = new CommandPipeline(parser, executor, output, doneCommands, breaker, flow,
              com.conferencegateway.support.Timers.of(vertx), Clock.systemUTC(), c.maxInFlight());
          commandMetrics.watch(breaker, pipeline::inFlight);
          return pipeline;
        }, metrics.registry());
    return deploy(verticle);
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).map(id -> {
      deployments.add(id);
      return null;
    });
  }

  /**
   * Graceful stop: ready turns 503 and new pushes are refused, pushes and commands in flight
   * finish, offsets are committed, the producer is flushed, then Vert.x stops.
   */
  public Future<Void> stop() {
    readiness.draining();
    Promise<Void> done = Promise.promise();
    undeployInReverse(new ArrayList<>(deployments))
        .eventually(() -> producer == null ? Future.succeededFuture() : producer.flush())
        .eventually(() -> Future.join(tails.stream().map(TopicTail::close).toList()))
        .eventually(() -> producer == null ? Future.succeededFuture() : producer.close())
        .eventually(() -> admin == null ? Future.succeededFuture() : admin.close())
        .eventually(() -> platformHttp == null ? Future.succeededFuture() : platformHttp.close())
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

  /** The embedded simulator, in dev mode; null otherwise. */
  public SimulatorVerticle simulator() {
    return simulator;
  }
}
