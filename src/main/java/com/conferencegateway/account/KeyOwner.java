package com.conferencegateway.account;

import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.platform.PlatformAnswer;
import com.conferencegateway.platform.PlatformCalls;
import com.conferencegateway.platform.PlatformClient;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the key owner of an account does with a request for a newer temp key: it fetches one only
 * when the refused key is the current one (or there is none), so one rotation costs one
 * getAccountkey however many calls were refused; a request naming an older key is answered by the
 * current key, which is on {@code conference.accounts} already. A fetched key is learnt here at once
 * and stored on {@code conference.accounts}, where every process reads it. When no key can be had,
 * a notice on the key-requests topic tells the waiting processes why. Requests of one account are
 * handled one at a time. Runs on the owner's event loop ({@link KeyOwnerVerticle}).
 */
public final class KeyOwner {
  private static final Logger LOG = LoggerFactory.getLogger(KeyOwner.class);

  private final KeyRing ring;
  private final PlatformClient client;
  private final AccountStore store;
  private final KafkaPublisher publisher;
  private final String topic;
  private final long publishTimeoutMs;
  private final Clock clock;
  private final KeyMetrics metrics;
  private final Supplier<Future<Void>> accountsReadToEnd;
  private final Map<String, Future<Void>> lastPerAccount = new HashMap<>();
  /** Keys fetched here that Kafka has not acknowledged yet: stored again before anything else of theirs. */
  private final Set<String> unshared = ConcurrentHashMap.newKeySet();

  /**
   * @param accountsReadToEnd completes once this process has read {@code conference.accounts} to its
   *     end: an account registered by another replica a moment ago may not be known here yet
   */
  public KeyOwner(KeyRing ring, PlatformClient client, AccountStore store, KafkaPublisher publisher, String topic,
      long publishTimeoutMs, Clock clock, KeyMetrics metrics, Supplier<Future<Void>> accountsReadToEnd) {
    this.ring = ring;
    this.client = client;
    this.store = store;
    this.publisher = publisher;
    this.topic = topic;
    this.publishTimeoutMs = publishTimeoutMs;
    this.clock = clock;
    this.metrics = metrics;
    this.accountsReadToEnd = accountsReadToEnd;
  }

  /** Completes once the request is answered (a key stored, or a notice published); fails to be handled again. */
  public Future<Void> handle(KeyMessage.Request request) {
    String id = request.accountId();
    Future<Void> previous = lastPerAccount.getOrDefault(id, Future.succeededFuture());
    Future<Void> mine = previous.eventually(() -> answer(request));
    lastPerAccount.put(id, mine);
    mine.onComplete(ar -> lastPerAccount.remove(id, mine));
    return mine;
  }

  private Future<Void> answer(KeyMessage.Request request) {
    String id = request.accountId();
    KeyRing.CurrentKey current = ring.current(id);
    if (current != null && !current.fingerprint().equals(request.refusedFingerprint())) {
      // The refused key is an older one (or the asker had none): the current key answers it.
      return unshared.contains(id) ? share(id, new TempKey(current.value(), current.obtainedAt())) : Future.succeededFuture();
    }
    if (!ring.knows(id)) {
      return accountsReadToEnd.get().compose(v -> ring.knows(id)
          ? fetch(request)
          : notice(new KeyMessage.Unavailable(id, request.refusedFingerprint(), null, null, false,
              "the key owner holds no permanent key for it", clock.instant())));
    }
    return fetch(request);
  }

  private Future<Void> fetch(KeyMessage.Request request) {
    String id = request.accountId();
    return client.send(PlatformCalls.getAccountkey(id), ring.permanentKey(id), null).transform(ar -> {
      if (ar.failed()) {
        metrics.fetch("failed");
        return notice(new KeyMessage.Unavailable(id, request.refusedFingerprint(), null, null, true,
            ar.cause().getMessage(), clock.instant()));
      }
      PlatformAnswer answer = ar.result();
      String value = answer.text("key_temp");
      if (!answer.succeeded() || value == null || value.isEmpty()) {
        metrics.fetch("refused");
        return notice(new KeyMessage.Unavailable(id, request.refusedFingerprint(), answer.result(), answer.describe(),
            false, "getAccountkey answered " + answer.result() + " " + answer.describe(), clock.instant()));
      }
      metrics.fetch("fetched");
      TempKey key = new TempKey(value, clock.instant());
      ring.learn(id, key);
      LOG.info("Fetched a new temp key for {} ({} request from {}); sharing it through conference.accounts", id,
          request.reason(), request.requestedBy());
      unshared.add(id);
      return share(id, key);
    });
  }

  private Future<Void> share(String id, TempKey key) {
    return store.saveTempKey(id, key)
        .onSuccess(v -> unshared.remove(id))
        .onFailure(e -> LOG.warn("The new temp key of {} is not stored yet ({}); the request will be handled again",
            id, e.getMessage()));
  }

  private Future<Void> notice(KeyMessage.Unavailable notice) {
    LOG.warn("No temp key for {}: {}", notice.accountId(), notice.message());
    return publisher.publish(notice.toRecord(topic), publishTimeoutMs);
  }
}
