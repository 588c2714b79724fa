package com.conferencegateway.account;

import com.conferencegateway.platform.PlatformClient;
import com.conferencegateway.support.Timers;
import com.conferencegateway.kafka.CloudEvent;
import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.kafka.OutboundRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts kept in the compacted {@code conference.accounts} topic, secrets sealed with
 * {@link SecretBox}. Every replica tails the topic into its {@link KeyRing}, so keys survive
 * restarts and are shared. Each write is the account's whole record: compaction keeps the last.
 */
public final class AccountStore {
  private static final Logger LOG = LoggerFactory.getLogger(AccountStore.class);

  private final KafkaPublisher publisher;
  private final String topic;
  private final SecretBox box;
  private final Clock clock;
  private final long timeoutMs;
  private final Map<String, AccountRecord> known = new ConcurrentHashMap<>();
  private final String appId;
  private final KeyRing keys;

  /**
   * @param appId the app's id: its permanent key comes from config and is never written to Kafka
   * @param client fetches the temp keys; each one fetched here is shared through the topic
   */
  public AccountStore(KafkaPublisher publisher, String topic, SecretBox box, Clock clock, long timeoutMs, String appId,
      PlatformClient client, Duration tempKeyRefresh, Timers timers) {
    this.publisher = publisher;
    this.topic = topic;
    this.box = box;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
    this.appId = appId;
    this.keys = new KeyRing(client, clock, tempKeyRefresh, this::tempKeyFetched, timers);
  }

  /** The keys the gateway signs with, kept up to date from the topic. */
  public KeyRing keys() {
    return keys;
  }

  /** Writes the account's record and waits for Kafka's acknowledgement. */
  public Future<Void> save(AccountRecord record) {
    known.put(record.accountId(), record);
    JsonObject json = record.toJson(box);
    CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), "/conference-gateway/accounts",
        "conference.account", clock.instant(), record.accountId(), null);
    return publisher.publish(new OutboundRecord(topic, record.accountId(),
        json.encode().getBytes(StandardCharsets.UTF_8), event.headers()), timeoutMs);
  }

  /** A temp key this replica fetched: the account's record again, with it, for the other replicas. */
  private void tempKeyFetched(AccountRecord update) {
    AccountRecord previous = known.get(update.accountId());
    String kind = previous != null ? previous.kind() : (update.accountId().equals(appId) ? AccountRecord.APP : AccountRecord.ACCOUNT);
    String permanent = previous != null ? previous.keyPermanent()
        : (AccountRecord.APP.equals(kind) ? null : keys.permanentKey(update.accountId()));
    AccountRecord merged = new AccountRecord(update.accountId(), kind,
        previous == null ? null : previous.companyId(), previous == null ? null : previous.accountStatus(),
        AccountRecord.APP.equals(kind) ? null : permanent, update.keyTemp(), clock.instant());
    save(merged).onFailure(e -> LOG.warn("Could not share the new temp key of {} through {}: {}",
        update.accountId(), topic, e.getMessage()));
  }

  /** One record read from the topic (by this replica's tail). */
  public void learn(byte[] value) {
    if (value == null) {
      return;
    }
    try {
      AccountRecord record = AccountRecord.fromJson(new JsonObject(new String(value, StandardCharsets.UTF_8)), box);
      known.merge(record.accountId(), record, (a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b);
      if (record.keyPermanent() != null) {
        keys.putPermanent(record.accountId(), record.keyPermanent());
      }
      if (record.keyTemp() != null) {
        keys.learnTemp(record.accountId(), record.keyTemp());
      }
    } catch (RuntimeException e) {
      LOG.warn("Skipping an unreadable record of {}: {}", topic, e.getMessage());
    }
  }
}
