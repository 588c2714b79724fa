package com.conferencegateway;

import com.conferencegateway.command.CommandExecutor;
import com.conferencegateway.command.CommandMetrics;
import com.conferencegateway.command.CommandOutput;
import com.conferencegateway.command.CommandParser;
import com.conferencegateway.command.CommandPipeline;
import com.conferencegateway.command.InFlightLimit;
import com.conferencegateway.command.CommandVerticle;
import com.conferencegateway.command.DoneCommands;
import com.conferencegateway.command.PushUrls;
import com.conferencegateway.config.DevSecretKey;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaClientProperties;
import com.conferencegateway.account.AccountStore;
import com.conferencegateway.account.KeyMetrics;
import com.conferencegateway.account.KeyOwner;
import com.conferencegateway.account.KeyOwnerVerticle;
import com.conferencegateway.account.KeyRequests;
import com.conferencegateway.account.KeyRing;
import com.conferencegateway.account.PlatformApi;
import com.conferencegateway.kafka.TopicTail;
import com.conferencegateway.platform.PlatformBreaker;
import com.conferencegateway.platform.PlatformClient;
import com.conferencegateway.account.SecretBox;
import com.conferencegateway.platform.TimestampFormat;
import com.conferencegateway.support.Module;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands from {@code conference.command} to the platform and back: the platform client and its
 * keys, the accounts kept in {@code conference.accounts}, the done-commands window, the consumer
 * group, and this process's share of the key owners ({@link KeyOwnerVerticle}). Owns the readiness
 * check "commands": consumption starts only once accounts and done commands are loaded, so that no
 * command runs on stale knowledge.
 */
final class CommandModule implements Module {
  private static final Logger LOG = LoggerFactory.getLogger(CommandModule.class);

  private final GatewayContext runtime;
  private final KafkaModule kafka;
  private final Map<String, String> knownAccounts;
  private final IntSupplier pushPort;
  private final DoneCommands doneCommands;
  private HttpClient http;
  private PlatformClient client;
  private PlatformApi platform;
  private AccountStore accounts;
  private KeyRequests keyRequests;
  private KeyMetrics keyMetrics;
  private TopicTail accountsTail;
  private long keyRefreshTimer = -1;
  private volatile boolean running;
  private volatile String deployment;
  private volatile String keyOwnerDeployment;

  /** {@code knownAccounts}: account id to permanent key, from PLATFORM_ACCOUNTS_FILE and dev mode. */
  CommandModule(GatewayContext runtime, KafkaModule kafka, Map<String, String> knownAccounts, IntSupplier pushPort) {
    this.runtime = runtime;
    this.kafka = kafka;
    this.knownAccounts = knownAccounts;
    this.pushPort = pushPort;
    this.doneCommands = new DoneCommands(runtime.config().command().doneWindow());
  }

  @Override
  public Future<Void> start() {
    GatewayConfig config = runtime.config();
    createPlatformApi(config.platform());
    runtime.readiness().check("commands", () -> running
        ? Future.succeededFuture()
        : Future.failedFuture("loading accounts and done commands before consuming " + config.kafka().topics().command()));
    kafka.topicsReady()
        .compose(v -> runtime.untilDone("Loading accounts and done commands", this::loadState))
        .compose(v -> deployKeyOwner())
        .compose(v -> deployConsumer())
        .onSuccess(v -> {
          running = true;
          LOG.info("Consuming {}: {} done commands and {} keyed accounts known", config.kafka().topics().command(),
              doneCommands.size(), platform.keys().ids().size());
        })
        .onFailure(e -> LOG.warn("The command consumer did not start: {}", e.getMessage()));
    return Future.succeededFuture();
  }

  /**
   * How long a platform call may wait for a pooled connection. Up to maxInFlight calls share maxPoolSize
   * connections, so a call may wait for every round ahead of it; but never so long that, waiting and then
   * answered, it could still be sent after its partition was handed over (command.revokeDrainMs): the new
   * owner carries the command out then, and a second createConference would ring the phones twice.
   */
  static long connectionWaitMs(GatewayConfig config) {
    GatewayConfig.Platform p = config.platform();
    GatewayConfig.Command c = config.command();
    long rounds = Math.max(1, (c.maxInFlight() + p.maxPoolSize() - 1) / p.maxPoolSize());
    long beforeHandOver = Math.max(p.requestTimeoutMs(), c.revokeDrainMs() - p.requestTimeoutMs() - c.backoffInitialMs());
    return Math.min(p.requestTimeoutMs() * rounds, beforeHandOver);
  }

  private void createPlatformApi(GatewayConfig.Platform p) {
    // Kept-alive connections are dropped well before a typical server's idle timeout (5 s and up): a
    // request written into a connection the server is closing has an unknown outcome.
    // Platform calls are traced by their own spans (Tracing.calls), children of their command's.
    http = runtime.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(4)
            .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE)
            .setConnectTimeout((int) Math.min(p.requestTimeoutMs(), Integer.MAX_VALUE)),
        new PoolOptions().setHttp1MaxSize(p.maxPoolSize()));
    client = new PlatformClient(http, p.baseUrl(), TimestampFormat.fromConfig(p.timestampFormat()),
        p.requestTimeoutMs(), connectionWaitMs(runtime.config()), runtime.clock(), runtime.tracing().calls());
    GatewayConfig config = runtime.config();
    accounts = new AccountStore(kafka.publisher(), config.kafka().topics().accounts(),
        new SecretBox(DevSecretKey.decode(config.gateway().secretKey())), runtime.clock(),
        config.gateway().publishTimeoutMs(), p.appId());
    KeyRing keys = accounts.keys();
    keys.putPermanent(p.appId(), p.appKey());
    knownAccounts.forEach(keys::putPermanent);
    keyMetrics = new KeyMetrics(runtime.metrics().registry());
    keyRequests = new KeyRequests(runtime.vertx(), keys, kafka.publisher(), config.kafka().topics().keyRequests(),
        processName(), runtime.clock(), p.keyWaitMs(), config.gateway().publishTimeoutMs(), keyMetrics);
    platform = new PlatformApi(client, keyRequests, keyMetrics);
    Duration refreshAfter = Duration.ofMinutes(p.tempKeyRefreshMinutes());
    long every = Math.max(10_000, refreshAfter.toMillis() / 10);
    keyRefreshTimer = runtime.vertx().setPeriodic(every, id -> keyRequests.requestDue(refreshAfter));
  }

  /** Who asks, in key requests: the pod's name in Kubernetes, else the process id. */
  private static String processName() {
    String host = System.getenv("HOSTNAME");
    return (host == null || host.isBlank() ? "pid" : host) + "/" + ProcessHandle.current().pid();
  }

  /** Accounts (from the beginning: compacted) and the results of recent commands. */
  private Future<Void> loadState() {
    GatewayConfig config = runtime.config();
    Instant since = runtime.clock().instant().minus(Duration.ofHours(config.command().doneRebuildHours()));
    Future<Void> accountsLoaded = kafka.following("accounts", config.kafka().topics().accounts(), null,
        record -> accounts.learn(record.value())).map(tail -> {
          accountsTail = tail;
          return null;
        });
    // Key owners' notices (no key could be had) for the calls waiting here; only what comes from now on.
    Future<Void> keyNotices = kafka.tail("key-requests", config.kafka().topics().keyRequests(),
        runtime.clock().instant(), record -> keyRequests.onRecord(record.value()));
    Future<Void> doneLoaded = kafka.tail("done-commands", config.kafka().topics().commandResult(), since, record -> {
      try {
        doneCommands.recordPublished(record.value());
      } catch (RuntimeException e) { // not a result (a tombstone included): nothing to remember
        LOG.debug("Skipping an unreadable result at offset {}", record.offset());
      }
    });
    return Future.all(accountsLoaded, keyNotices, doneLoaded).mapEmpty();
  }

  /**
   * Joins the key owners' group: the temp keys of the accounts on the partitions it is given are
   * fetched here, and only here (docs/architecture.md, "Keys across replicas").
   */
  private Future<Void> deployKeyOwner() {
    GatewayConfig config = runtime.config();
    String topic = config.kafka().topics().keyRequests();
    KeyOwner owner = new KeyOwner(accounts.keys(), client, accounts, kafka.publisher(), topic,
        config.gateway().publishTimeoutMs(), runtime.clock(), keyMetrics, this::accountsReadToEnd);
    long batchTimeoutMs = config.platform().requestTimeoutMs() + 2 * config.gateway().publishTimeoutMs() + 5_000;
    KeyOwnerVerticle verticle = new KeyOwnerVerticle(
        KafkaClientProperties.consumer(kafka.clients(), "conference-gateway-key-owner", keyOwnerGroup(config)),
        topic, owner, this::accountsReadToEnd, batchTimeoutMs);
    if (runtime.readiness().isDraining()) {
      return Future.failedFuture("stopping");
    }
    return runtime.vertx().deployVerticle(verticle).map(id -> {
      keyOwnerDeployment = id;
      return null;
    });
  }

  /** This process has read conference.accounts up to where it ends now (or fails, after the publish timeout). */
  private Future<Void> accountsReadToEnd() {
    return accountsTail.readToCurrentEnd(runtime.config().gateway().publishTimeoutMs());
  }

  /** The key owners' consumer group: the command group's id with "-keys". */
  static String keyOwnerGroup(GatewayConfig config) {
    return config.command().groupId() + "-keys";
  }

  private Future<Void> deployConsumer() {
    GatewayConfig config = runtime.config();
    GatewayConfig.Command c = config.command();
    GatewayConfig.Gateway g = config.gateway();
    PlatformBreaker breaker = new PlatformBreaker(c.breaker().failureThreshold(), c.breaker().openMs(), runtime.clock());
    CommandMetrics commandMetrics = new CommandMetrics(runtime.metrics().registry());
    PushUrls pushUrls = PushUrls.of(g.publicUrl(), pushPort.getAsInt(), g.tokenRequired() ? g.pushToken() : null);
    CommandExecutor executor = new CommandExecutor(platform, accounts, breaker, runtime.timers(), runtime.clock(),
        config.platform().appId(), pushUrls, c.maxAttempts(), c.backoffInitialMs(), c.backoffMaxMs(), commandMetrics,
        Set.copyOf(c.repeatableOnUnknownOutcome()));
    CommandOutput output = new CommandOutput(kafka.publisher(), config.kafka().topics().commandResult(),
        config.kafka().topics().commandDlq(), g.publishTimeoutMs(), runtime.clock());
    CommandParser parser = new CommandParser();
    Map<String, String> props = new HashMap<>(
        KafkaClientProperties.consumer(kafka.clients(), "conference-gateway-commands", c.groupId()));
    // The pipeline pauses the consumer while one more poll could exceed maxInFlight: a poll's size is its to set.
    props.put("max.poll.records", String.valueOf(new InFlightLimit(c.maxInFlight()).pollRecords()));
    CommandVerticle verticle = new CommandVerticle(props, config.kafka().topics().command(), g.shutdownDrainMs(),
        c.revokeDrainMs(), flow -> {
          CommandPipeline pipeline = new CommandPipeline(parser, executor, output, doneCommands, breaker, flow,
              runtime.timers(), runtime.clock(), c.maxInFlight(), runtime.tracing());
          commandMetrics.watch(breaker, pipeline::inFlight);
          return pipeline;
        }, runtime.metrics().registry());
    if (runtime.readiness().isDraining()) {
      return Future.failedFuture("stopping");
    }
    return runtime.vertx().deployVerticle(verticle).map(id -> {
      deployment = id;
      return null;
    });
  }

  /**
   * Commands in flight finish and their offsets are committed; then this process leaves the key
   * owners (its partitions move at once) and the platform client closes.
   */
  @Override
  public Future<Void> stop() {
    runtime.vertx().cancelTimer(keyRefreshTimer);
    String id = deployment;
    String owner = keyOwnerDeployment;
    return (id == null ? Future.<Void>succeededFuture() : runtime.vertx().undeploy(id))
        .eventually(() -> owner == null ? Future.succeededFuture() : runtime.vertx().undeploy(owner))
        // Calls already sent are answered before the client closes: cut, a create's outcome would be unknown.
        .eventually(() -> http == null ? Future.succeededFuture()
            : http.shutdown(runtime.config().platform().requestTimeoutMs(), TimeUnit.MILLISECONDS));
  }
}
