package com.conferencegateway;

import com.conferencegateway.config.DevSecretKey;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaClientProperties;
import com.conferencegateway.kafka.TopicTail;
import com.conferencegateway.query.ConferenceQueries;
import com.conferencegateway.query.Credentials;
import com.conferencegateway.query.EventStreams;
import com.conferencegateway.query.Peers;
import com.conferencegateway.query.QueryVerticle;
import com.conferencegateway.session.BoundedRocksDb;
import com.conferencegateway.session.HeaderlessInput;
import com.conferencegateway.session.LocalSessions;
import com.conferencegateway.session.SessionMeters;
import com.conferencegateway.session.SessionStreams;
import com.conferencegateway.session.SessionTopology;
import com.conferencegateway.support.Module;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions role: the Kafka Streams fold that writes {@code conference.sessions}, and the query API
 * on its own port, answered from the fold's partitioned store (here, or forwarded once to the process
 * that folds the conference). Owns the readiness check "sessions": the fold's store is restored.
 */
final class SessionsModule implements Module {
  private static final Logger LOG = LoggerFactory.getLogger(SessionsModule.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final long PEER_TIMEOUT_MS = 3000;
  private static final long KEEP_ALIVE_MS = 10_000;

  private final GatewayContext runtime;
  private final KafkaModule kafka;
  private final GatewayConfig.Sessions settings;
  private final SessionStreams streams;
  private HttpClient peersClient;
  private QueryVerticle query;
  private String queryDeployment;
  private volatile HostInfo self;
  private volatile int partitions;
  private volatile String startProblem;

  SessionsModule(GatewayContext runtime, KafkaModule kafka) {
    this.runtime = runtime;
    this.kafka = kafka;
    this.settings = runtime.config().sessions();
    this.streams = new SessionStreams(runtime.vertx());
  }

  @Override
  public Future<Void> start() {
    GatewayConfig config = runtime.config();
    GatewayConfig.Topics topics = config.kafka().topics();
    runtime.readiness().check("sessions", () -> startProblem != null ? Future.failedFuture(startProblem) : streams.check());
    Credentials credentials = new Credentials(config.gateway().queryTokens(),
        DevSecretKey.decode(config.gateway().secretKey()));
    peersClient = runtime.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(30)
            .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE),
        new PoolOptions().setHttp1MaxSize(16));
    LocalSessions local = new LocalSessions(streams::kafkaStreams);
    ConferenceQueries queries = new ConferenceQueries(local, new Peers(peersClient, credentials, PEER_TIMEOUT_MS),
        credentials, new ConferenceQueries.Worker() {
          @Override
          public <T> Future<T> run(java.util.concurrent.Callable<T> work) {
            return runtime.vertx().executeBlocking(work, false);
          }
        }, () -> self, () -> partitions);
    query = new QueryVerticle(config.gateway().host(), config.gateway().queryPort(), credentials, queries,
        vertx -> new EventStreams(vertx, queries, onRecord -> TopicTail.start(vertx,
            KafkaClientProperties.consumer(kafka.clients(), "conference-gateway-session-events", null),
            topics.sessions(), runtime.clock().instant(), onRecord), config.gateway().queryMaxEventStreams(),
            KEEP_ALIVE_MS));
    // The port first: the fold announces it to the other processes (application.server).
    return runtime.vertx().deployVerticle(query).compose(id -> {
      queryDeployment = id;
      startFold(topics);
      return Future.<Void>succeededFuture();
    });
  }

  private void startFold(GatewayConfig.Topics topics) {
    kafka.topicsReady()
        .compose(v -> coPartitioned(topics))
        .compose(v -> runtime.vertx().executeBlocking(this::prepare))
        .compose(dir -> streams.start(SessionTopology.build(
                new SessionTopology.Topics(topics.state(), topics.cdr(), topics.commandResult(), topics.sessions()),
                runtime.clock(), Duration.ofHours(settings.retentionHours()), Duration.ofMinutes(10),
                new SessionMeters(runtime.metrics().registry())),
            KafkaClientProperties.streams(kafka.clients(), settings.applicationId(), streamsSettings(dir))))
        .onSuccess(v -> LOG.info("Session fold starting: state in {}, queries on {}", settings.stateDir(), self))
        .onFailure(e -> {
          startProblem = "the session fold did not start: " + e.getMessage();
          LOG.error("The session fold did not start: {}", e.getMessage());
        });
  }

  /** The query port, once listening. */
  int queryPort() {
    return query.actualPort();
  }

  /** The fold reads one conference's events from the same partition of each input: their counts must agree. */
  private Future<Void> coPartitioned(GatewayConfig.Topics topics) {
    return kafka.partitionCounts(List.of(topics.state(), topics.cdr(), topics.commandResult()))
        .compose(counts -> {
          if (counts.values().stream().distinct().count() == 1) {
            partitions = counts.values().iterator().next();
            return Future.succeededFuture();
          }
          return Future.failedFuture(startProblem = "the session fold needs " + String.join(", ", counts.keySet())
              + " to have as many partitions each; they have " + counts.values()
              + ". Give them the same count, or run this process without the sessions role (GATEWAY_ROLES)");
        });
  }

  /** Blocking (file system, name lookup): the state directory, and the endpoint the other processes forward to. */
  private Path prepare() throws IOException {
    String advertised = runtime.config().gateway().queryAdvertisedHost();
    if (advertised == null || advertised.isBlank()) {
      advertised = InetAddress.getLocalHost().getHostAddress();
    }
    self = new HostInfo(advertised, query.actualPort());
    return Files.createDirectories(Path.of(settings.stateDir()));
  }

  private Map<String, String> streamsSettings(Path stateDir) {
    short replication = runtime.config().kafka().topics().replicationFactor();
    Map<String, String> s = new HashMap<>();
    s.put("state.dir", stateDir.toString());
    s.put("application.server", self.host() + ":" + self.port());
    s.put("num.standby.replicas", String.valueOf(settings.standbyReplicas()));
    s.put("num.stream.threads", String.valueOf(settings.streamThreads()));
    s.put("commit.interval.ms", String.valueOf(settings.commitIntervalMs()));
    s.put("replication.factor", String.valueOf(replication));
    if (replication >= 3) {
      s.put("topic.min.insync.replicas", "2");
    }
    // Every change is written, none coalesced by a cache: version numbers each published change.
    s.put("statestore.cache.max.bytes", "0");
    s.put("rocksdb.config.setter", BoundedRocksDb.class.getName());
    // A replica that died without leaving is noticed in 10 s, not 45: until then the fold stands still.
    s.put("consumer.session.timeout.ms", "10000");
    s.put("consumer.heartbeat.interval.ms", "3000");
    // The fold gives the same view whatever the order between a conference's topics (SessionFolder), so a
    // task need not wait for its idle partitions; waiting also formatted a log text per record (12% of the fold).
    s.put("max.task.idle.ms", "-1");
    // Fewer, fuller fetches: under load the broker answers at 64 KiB, when quiet within 50 ms. Measured: the
    // fold thread's and the broker's CPU per push fell by a quarter (docs/benchmarks.md).
    s.put("consumer.fetch.min.bytes", "65536");
    s.put("consumer.fetch.max.wait.ms", "50");
    // The fold reads values only; without headers Streams no longer decodes every header key to size a record.
    s.put("main.consumer.interceptor.classes", HeaderlessInput.class.getName());
    // A full restore (a new volume, or exactly-once wiping the store after a crash) reads the changelog from its
    // start: compaction keeps it near one record per conference. It compacts closed segments only, so segments
    // are small and roll hourly, and a tenth of dirty records is enough to start (docs/benchmarks.md).
    s.put("topic.segment.bytes", String.valueOf(64 * 1024 * 1024));
    s.put("topic.segment.ms", String.valueOf(Duration.ofHours(1).toMillis()));
    s.put("topic.min.cleanable.dirty.ratio", "0.1");
    s.putAll(settings.streams());
    return s;
  }

  /** Queries end first, then the fold leaves its group (its partitions move at once) and writes its checkpoints. */
  @Override
  public Future<Void> stop() {
    return (queryDeployment == null ? Future.<Void>succeededFuture() : runtime.vertx().undeploy(queryDeployment))
        .eventually(() -> streams.close(CLOSE_TIMEOUT))
        .eventually(() -> peersClient == null ? Future.succeededFuture() : peersClient.close())
        .mapEmpty();
  }
}
