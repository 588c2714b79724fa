package com.conferencegateway;

import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaClientProperties;
import com.conferencegateway.session.BoundedRocksDb;
import com.conferencegateway.session.HeaderlessInput;
import com.conferencegateway.session.SessionMeters;
import com.conferencegateway.session.SessionQuery;
import com.conferencegateway.session.SessionStreams;
import com.conferencegateway.session.SessionTopology;
import com.conferencegateway.session.SessionView;
import com.conferencegateway.support.Module;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session view: the Kafka Streams fold that writes {@code conference.sessions}, and this replica's
 * in-memory copy of that topic behind {@code /conferences} on the management port. Owns the readiness
 * check "sessions": the fold's store is restored and the copy has read the topic to its end.
 */
final class SessionsModule implements Module {
  private static final Logger LOG = LoggerFactory.getLogger(SessionsModule.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final GatewayContext runtime;
  private final KafkaModule kafka;
  private final GatewayConfig.Sessions settings;
  private final SessionView view;
  private final SessionStreams streams;
  private volatile boolean viewLoaded;
  private volatile String startProblem;
  private volatile Path temporaryStateDir;

  SessionsModule(GatewayContext runtime, KafkaModule kafka) {
    this.runtime = runtime;
    this.kafka = kafka;
    this.settings = runtime.config().sessions();
    this.view = new SessionView(runtime.clock(), Duration.ofMinutes(settings.endedViewMinutes()),
        Duration.ofHours(settings.retentionHours()), settings.viewMaxEntries());
    this.streams = new SessionStreams(runtime.vertx());
  }

  /** The query endpoint's routes, mounted on the management router before anything starts. */
  Consumer<Router> routes() {
    return settings.enabled() ? new SessionQuery(view, () -> viewLoaded)::mount : router -> { };
  }

  @Override
  public Future<Void> start() {
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    GatewayConfig.Topics topics = runtime.config().kafka().topics();
    runtime.readiness().check("sessions", () -> startProblem != null ? Future.failedFuture(startProblem)
        : streams.check().compose(v -> viewLoaded
        ? Future.succeededFuture()
        : Future.failedFuture("reading " + topics.sessions() + " into the query view")));
    kafka.topicsReady()
        .compose(v -> coPartitioned(topics))
        .compose(v -> runtime.vertx().executeBlocking(this::stateDir))
        .compose(dir -> streams.start(SessionTopology.build(
                new SessionTopology.Topics(topics.state(), topics.cdr(), topics.commandResult(), topics.sessions()),
                runtime.clock(), Duration.ofHours(settings.retentionHours()), Duration.ofMinutes(10),
                new SessionMeters(runtime.metrics().registry())),
            KafkaClientProperties.streams(kafka.clients(), settings.applicationId(), streamsSettings(dir))))
        .compose(v -> runtime.untilDone("Reading " + topics.sessions() + " into the query view",
            () -> kafka.tail("sessions", topics.sessions(),
                runtime.clock().instant().minus(Duration.ofHours(settings.retentionHours())), this::learn)))
        .onSuccess(v -> {
          viewLoaded = true;
          LOG.info("Session view loaded: {} conferences", view.size());
        })
        .onFailure(e -> {
          startProblem = "the session fold did not start: " + e.getMessage();
          LOG.error("The session view did not start: {}", e.getMessage());
        });
    return Future.succeededFuture();
  }

  /** The fold reads one conference's events from the same partition of each input: their counts must agree. */
  private Future<Void> coPartitioned(GatewayConfig.Topics topics) {
    return kafka.partitionCounts(List.of(topics.state(), topics.cdr(), topics.commandResult()))
        .compose(counts -> counts.values().stream().distinct().count() == 1
            ? Future.succeededFuture()
            : Future.failedFuture(startProblem = "the session fold needs " + String.join(", ", counts.keySet())
                + " to have as many partitions each; they have " + counts.values()
                + ". Give them the same count, or set sessions.enabled=false"));
  }

  private Map<String, String> streamsSettings(Path stateDir) {
    short replication = runtime.config().kafka().topics().replicationFactor();
    Map<String, String> s = new HashMap<>();
    s.put("state.dir", stateDir.toString());
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
    s.putAll(settings.streams());
    return s;
  }

  /** The configured directory, or a fresh one deleted at stop; blocking (file system), run in executeBlocking. */
  private Path stateDir() throws IOException {
    if (!settings.stateDir().isBlank()) {
      return Files.createDirectories(Path.of(settings.stateDir()));
    }
    temporaryStateDir = Files.createTempDirectory("conference-gateway-sessions-");
    return temporaryStateDir;
  }

  private void learn(KafkaConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    try {
      view.accept(record.value());
    } catch (RuntimeException e) {
      LOG.warn("Skipping an unreadable session at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
    }
  }

  @Override
  public Future<Void> stop() {
    Path temporary = temporaryStateDir;
    return streams.close(CLOSE_TIMEOUT)
        .compose(v -> temporary == null ? Future.succeededFuture() : runtime.vertx().executeBlocking(() -> {
          deleteTree(temporary);
          return null;
        }))
        .mapEmpty();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
