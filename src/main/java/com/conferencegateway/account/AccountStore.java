package com.conferencegateway.account;

import com.conferencegateway.kafka.CloudEvent;
import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.kafka.OutboundRecord;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts kept in the compacted {@code conference.accounts} topic, secrets sealed with
 * {@link SecretBox}. Every replica tails the topic into its {@link KeyRing}, so keys survive
 * restarts and are shared. Each write is the account's whole record: compaction keeps the last.
 * Temp keys are written only by the account's key owner ({@link KeyOwner}).
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

  /** @param appId the app's id: its permanent key comes from config and is never written to Kafka */
  public AccountStore(KafkaPublisher publisher, String topic, SecretBox box, Clock clock, long timeoutMs, String appId) {
    this.publisher = publisher;
    this.topic = topic;
    this.box = box;
    this.clock = clock;
    this.timeoutMs = timeoutMs;
    this.appId = appId;
    this.keys = new KeyRing((id, key) -> box.fingerprint(key, id + "/keyTemp"));
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

  /**
   * A temp key the key owner fetched: the account's whole record again, with it, for every replica.
   * Completes when Kafka has acknowledged it.
   */
  public Future<Void> saveTempKey(String id, TempKey key) {
    AccountRecord previous = known.get(id);
    String kind = previous != null ? previous.kind() : (id.equals(appId) ? AccountRecord.APP : AccountRecord.ACCOUNT);
    // The app's permanent key comes from config and never goes to Kafka.
    String permanent = AccountRecord.APP.equals(kind) ? null
        : previous != null && previous.keyPermanent() != null ? previous.keyPermanent() : keys.permanentKey(id);
    return save(new AccountRecord(id, kind, previous == null ? null : previous.companyId(),
        previous == null ? null : previous.accountStatus(), permanent, key, clock.instant()));
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
        keys.learn(record.accountId(), record.keyTemp());
      }
    } catch (RuntimeException e) {
      LOG.warn("Skipping an unreadable record of {}: {}", topic, e.getMessage());
    }
  }
}
