package com.conferencegateway.account;

import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.platform.PlatformAnswer;
import com.conferencegateway.platform.RetryableFailure;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a process gets a temp key it does not have: it asks the account's key owner through the
 * key-requests topic and waits, up to {@code waitMs}, for the key to arrive through
 * {@code conference.accounts} (into the {@link KeyRing}). It never fetches one itself: getAccountkey
 * rotates the key away from everyone else. One request per refused key per process, however many
 * calls wait for it.
 */
public final class KeyRequests {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRequests.class);

  private final Vertx vertx;
  private final KeyRing ring;
  private final KafkaPublisher publisher;
  private final String topic;
  private final String requestedBy;
  private final Clock clock;
  private final long waitMs;
  private final long publishTimeoutMs;
  private final KeyMetrics metrics;
  /** "account/refused fingerprint" → when it was asked for (nanoTime): asked again only after a whole wait. */
  private final Map<String, Long> asked = new ConcurrentHashMap<>();

  public KeyRequests(Vertx vertx, KeyRing ring, KafkaPublisher publisher, String topic, String requestedBy, Clock clock,
      long waitMs, long publishTimeoutMs, KeyMetrics metrics) {
    this.vertx = vertx;
    this.ring = ring;
    this.publisher = publisher;
    this.topic = topic;
    this.requestedBy = requestedBy;
    this.clock = clock;
    this.waitMs = waitMs;
    this.publishTimeoutMs = publishTimeoutMs;
    this.metrics = metrics;
  }

  public KeyRing ring() {
    return ring;
  }

  /** The account's current key; asked for first when this process has none. */
  public Future<KeyRing.CurrentKey> current(String id) {
    KeyRing.CurrentKey key = ring.current(id);
    return key != null ? Future.succeededFuture(key) : newerThan(id, null, KeyMessage.Reason.MISSING);
  }

  /**
   * A key other than the one fingerprinted {@code refused} (null: any key): at once when one is
   * known, else asked for. Fails with {@link KeyUnavailable} when none comes in time, with
   * {@link KeyRefused} when the platform refused the owner's getAccountkey, with
   * {@link RetryableFailure} when the owner could not reach the platform or Kafka took no request.
   */
  public Future<KeyRing.CurrentKey> newerThan(String id, String refused, KeyMessage.Reason reason) {
    if (!ring.knows(id)) {
      return Future.failedFuture(new UnknownAccount(id));
    }
    Context context = vertx.getOrCreateContext();
    Promise<KeyRing.CurrentKey> got = Promise.promise();
    Object token = ring.await(id, refused, new KeyRing.Waiter() {
      @Override
      public void key(KeyRing.CurrentKey key) {
        context.runOnContext(v -> got.tryComplete(key));
      }

      @Override
      public void unavailable(RuntimeException why) {
        context.runOnContext(v -> got.tryFail(why));
      }
    });
    if (token == null) {
      return got.future();
    }
    ask(id, refused, reason);
    long timer = vertx.setTimer(waitMs, t -> {
      ring.cancel(id, token);
      got.tryFail(new KeyUnavailable(id, "none came within " + waitMs + " ms (platform.keyWaitMs); is a process with "
          + "the commands role consuming " + topic + "?"));
    });
    return got.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /** Asks for new keys of the accounts whose key is older than {@code refreshAfter}; run on a timer. */
  public void requestDue(Duration refreshAfter) {
    ring.due(refreshAfter, clock.instant()).forEach((id, key) -> newerThan(id, key.fingerprint(), KeyMessage.Reason.DUE)
        .onFailure(e -> LOG.debug("Scheduled refresh of the temp key of {}: {}", id, e.getMessage())));
  }

  private void ask(String id, String refused, KeyMessage.Reason reason) {
    String what = id + "/" + refused;
    long now = System.nanoTime();
    Long before = asked.get(what);
    if (before != null && now - before < TimeUnit.MILLISECONDS.toNanos(waitMs)) {
      return; // already asked: the owner's answer serves every waiter
    }
    asked.put(what, now);
    asked.values().removeIf(t -> now - t > TimeUnit.MILLISECONDS.toNanos(waitMs));
    metrics.request(reason);
    publisher.publish(new KeyMessage.Request(id, refused, reason, requestedBy, clock.instant()).toRecord(topic),
        publishTimeoutMs).onFailure(e -> {
          asked.remove(what);
          ring.unavailable(id, refused, new RetryableFailure("could not ask the key owner of " + id + " through "
              + topic + ": " + e.getMessage(), 0, e));
        });
  }

  /** A record of the key-requests topic, read by every process: an owner's notice fails the waits it answers. */
  public void onRecord(byte[] value) {
    if (KeyMessage.read(value) instanceof KeyMessage.Unavailable u) {
      asked.remove(u.accountId() + "/" + u.refusedFingerprint());
      RuntimeException why;
      if (u.retryable()) {
        why = new RetryableFailure("the key owner of " + u.accountId() + " could not get a temp key: " + u.message(), 0,
            null);
      } else if (u.platformResult() != null) {
        why = new KeyRefused(u.accountId(), new PlatformAnswer(u.platformResult(),
            u.platformDescribe() == null ? "" : u.platformDescribe(), new JsonObject()));
      } else {
        why = new KeyUnavailable(u.accountId(), u.message());
      }
      ring.unavailable(u.accountId(), u.refusedFingerprint(), why);
    }
  }
}
