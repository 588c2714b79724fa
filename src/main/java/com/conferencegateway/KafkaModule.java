package com.conferencegateway;

import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaClientProperties;
import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.kafka.KafkaSettings;
import com.conferencegateway.kafka.TopicPlan;
import com.conferencegateway.kafka.TopicSetup;
import com.conferencegateway.kafka.TopicTail;
import com.conferencegateway.support.Module;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Kafka clients every other module uses: one idempotent producer, the admin client, and tails
 * of topics that hold state. Owns the readiness checks "kafka" (an admin call answers in time) and
 * "topics" (they exist, created when missing and allowed), retried until Kafka is there.
 */
final class KafkaModule implements Module {
  private final GatewayContext runtime;
  private final GatewayConfig.Kafka kafka;
  private final KafkaSettings clients;
  private final Promise<Void> topicsReady = Promise.promise();
  private final List<TopicTail> tails = new CopyOnWriteArrayList<>();
  private KafkaAdminClient admin;
  private org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer;
  private KafkaPublisher publisher;
  private volatile String topicsProblem = "not checked yet";

  KafkaModule(GatewayContext runtime) {
    this.runtime = runtime;
    this.kafka = runtime.config().kafka();
    this.clients = new KafkaSettings(kafka.bootstrapServers(), kafka.common(), kafka.producer(), kafka.consumer(),
        kafka.admin());
  }

  @Override
  public Future<Void> start() {
    admin = KafkaAdminClient.create(runtime.vertx(), KafkaClientProperties.admin(clients, "conference-gateway-admin"));
    producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
        new java.util.HashMap<String, Object>(KafkaClientProperties.producer(clients, "conference-gateway-producer")));
    runtime.metrics().bindKafkaProducer(producer);
    publisher = new KafkaPublisher(runtime.vertx(), producer);
    runtime.readiness()
        .check("kafka", this::reachable)
        .check("topics", () -> topicsProblem == null ? Future.succeededFuture() : Future.failedFuture(topicsProblem));
    runtime.untilDone("Checking the Kafka topics", () -> TopicSetup.ensure(admin, plan(kafka.topics()), 10_000)
            .onFailure(e -> topicsProblem = e.getMessage()))
        .onSuccess(v -> {
          topicsProblem = null;
          topicsReady.tryComplete();
        });
    return Future.succeededFuture();
  }

  private TopicPlan plan(GatewayConfig.Topics t) {
    long sessionsRetentionMs = TimeUnit.HOURS.toMillis(runtime.config().sessions().retentionHours());
    return new TopicPlan(t.create(), t.partitions(), t.replicationFactor(), t.all(), Map.of(
        // Credentials per account: the latest kept forever.
        t.accounts(), Map.of("cleanup.policy", "compact"),
        // Key requests are worth nothing once their wait (platform.keyWaitMs) is over: an hour is plenty.
        t.keyRequests(), Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(TimeUnit.HOURS.toMillis(1))),
        // The latest state per conference, deleted once unchanged for the retention (as the fold's store does).
        t.sessions(), Map.of("cleanup.policy", "compact,delete", "retention.ms", String.valueOf(sessionsRetentionMs))));
  }

  /** The client settings, for the modules that build a consumer of their own. */
  KafkaSettings clients() {
    return clients;
  }

  /** Completes once the topics exist: state is loaded from them only then. */
  Future<Void> topicsReady() {
    return topicsReady.future();
  }

  KafkaPublisher publisher() {
    return publisher;
  }

  /** Reads {@code topic} from {@code since} (null: the beginning) into {@code onRecord}; completes when caught up. */
  Future<Void> tail(String name, String topic, Instant since, Consumer<KafkaConsumerRecord<String, byte[]>> onRecord) {
    return following(name, topic, since, onRecord).mapEmpty();
  }

  /** As {@link #tail}, and the tail itself, to ask later how far it has read. */
  Future<TopicTail> following(String name, String topic, Instant since,
      Consumer<KafkaConsumerRecord<String, byte[]>> onRecord) {
    return TopicTail.start(runtime.vertx(), KafkaClientProperties.consumer(clients, "conference-gateway-" + name, null),
            topic, since, onRecord)
        .compose(t -> {
          tails.add(t);
          // A tail that could not catch up is closed: the retry starts a new one.
          return t.caughtUp().<TopicTail>map(t).recover(e -> {
            tails.remove(t);
            return t.close().transform(ignored -> Future.failedFuture(e));
          });
        });
  }

  /** How many partitions each of {@code topics} has. */
  Future<Map<String, Integer>> partitionCounts(List<String> topics) {
    return admin.describeTopics(topics).map(described -> {
      Map<String, Integer> counts = new java.util.LinkedHashMap<>();
      topics.forEach(t -> counts.put(t, described.get(t).getPartitions().size()));
      return counts;
    });
  }

  private Future<Void> reachable() {
    return admin.describeCluster()
        .timeout(kafka.readyTimeoutMs(), TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture("Kafka at " + kafka.bootstrapServers() + " did not answer within "
            + kafka.readyTimeoutMs() + " ms"));
  }

  /** After the modules that produce have stopped: flush, then close. */
  @Override
  public Future<Void> stop() {
    return (publisher == null ? Future.<Void>succeededFuture() : publisher.flush())
        .eventually(() -> Future.join(tails.stream().map(TopicTail::close).toList()))
        .eventually(() -> publisher == null ? Future.succeededFuture() : publisher.closeProducer())
        .eventually(() -> admin == null ? Future.succeededFuture() : admin.close())
        .mapEmpty();
  }
}
