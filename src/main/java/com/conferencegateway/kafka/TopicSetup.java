package com.conferencegateway.kafka;

import io.vertx.core.Future;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure the gateway's topics exist: creates the missing ones, or fails naming them. */
public final class TopicSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  private TopicSetup() {}

  public static Future<Void> ensure(KafkaAdminClient admin, TopicPlan topics, long timeoutMs) {
    return admin.listTopics()
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(new KafkaUnavailable(
            "cannot list topics (" + e.getMessage() + "); check KAFKA_BOOTSTRAP_SERVERS and the kafka.common security settings")))
        .compose(existing -> {
          List<String> missing = topics.names().stream().filter(t -> !existing.contains(t)).toList();
          if (missing.isEmpty()) {
            return Future.succeededFuture();
          }
          if (!topics.create()) {
            return Future.failedFuture(new KafkaUnavailable("topics missing: " + String.join(", ", missing)
                + "; create them (see deploy/overlays/strimzi) or set KAFKA_TOPICS_CREATE=true"));
          }
          List<NewTopic> toCreate = missing.stream().map(t -> newTopic(t, topics)).toList();
          LOG.info("Creating topics {}", missing);
          return admin.createTopics(toCreate)
              .timeout(timeoutMs, TimeUnit.MILLISECONDS)
              .recover(e -> raceLost(admin, missing, e));
        });
  }

  private static NewTopic newTopic(String name, TopicPlan topics) {
    NewTopic topic = new NewTopic(name, topics.partitions(), topics.replicationFactor());
    Map<String, String> cfg = new java.util.HashMap<>(topics.configs().getOrDefault(name, Map.of()));
    if (topics.replicationFactor() >= 3) {
      cfg.put("min.insync.replicas", "2");
    }
    if (!cfg.isEmpty()) {
      topic.setConfig(cfg);
    }
    return topic;
  }

  /** Two replicas starting together may both create; the loser finds the topics there and carries on. */
  private static Future<Void> raceLost(KafkaAdminClient admin, List<String> wanted, Throwable cause) {
    return admin.listTopics().compose(now -> {
      Set<String> stillMissing = wanted.stream().filter(t -> !now.contains(t)).collect(Collectors.toSet());
      return stillMissing.isEmpty()
          ? Future.succeededFuture()
          : Future.failedFuture(new KafkaUnavailable("cannot create topics " + stillMissing + ": " + cause.getMessage()));
    });
  }
}
