package com.conferencegateway.account;

import com.conferencegateway.platform.PlatformClient;
import com.conferencegateway.platform.PlatformCalls;
import com.conferencegateway.platform.PlatformCall;
import com.conferencegateway.support.Timers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The keys the gateway signs with: permanent keys (the app's from config, accounts' from the
 * accounts file and from {@code conference.accounts}) and the temp keys obtained from them with
 * getAccountkey. A temp key is fetched before first use, refreshed when older than the refresh
 * interval, and refreshed on demand when a call suggests it went stale. Concurrent fetches for one
 * id share one platform call. Every fetched temp key is handed to {@code onFetched}, which shares
 * it with the other replicas through Kafka (getAccountkey rotates: the old key stops working).
 */
public final class KeyRing {
  private static final long LEARN_WAIT_MS = 1_000;
  private static final long LEARN_POLL_MS = 100;
  private final Timers timers;
  private final Map<String, String> permanentKeys = new ConcurrentHashMap<>();
  private final Map<String, TempKey> tempKeys = new ConcurrentHashMap<>();
  private final Map<String, Future<TempKey>> fetching = new ConcurrentHashMap<>();
  /** The last temp key the platform refused, per account: a key learnt after that replaces it. */
  private final Map<String, String> refusedKeys = new ConcurrentHashMap<>();
  private final PlatformClient client;
  private final Clock clock;
  private final Duration refreshAfter;
  private final Consumer<AccountRecord> onFetched;

  public KeyRing(PlatformClient client, Clock clock, Duration refreshAfter, Consumer<AccountRecord> onFetched,
      Timers timers) {
    this.timers = timers;
    this.client = client;
    this.clock = clock;
    this.refreshAfter = refreshAfter;
    this.onFetched = onFetched;
  }

  public void putPermanent(String id, String key) {
    permanentKeys.put(id, key);
  }

  /**
   * A temp key learnt from Kafka (another replica fetched it): kept if newer than ours, or if the
   * platform has refused ours (two fetches at the same moment: the one the platform served last wins,
   * whatever the replicas' clocks say).
   */
  public void learnTemp(String id, TempKey key) {
    tempKeys.merge(id, key, (mine, theirs) -> theirs.obtainedAt().isAfter(mine.obtainedAt())
        || mine.value().equals(refusedKeys.get(id)) ? theirs : mine);
  }

  public boolean knows(String id) {
    return permanentKeys.containsKey(id);
  }

  public Set<String> ids() {
    return Set.copyOf(permanentKeys.keySet());
  }

  public String permanentKey(String id) {
    String key = permanentKeys.get(id);
    if (key == null) {
      throw new UnknownAccount(id);
    }
    return key;
  }

  /** The current temp key, fetched first when there is none or it is due for refresh. */
  public Future<String> tempKey(String id, String traceparent) {
    TempKey cached = tempKeys.get(id);
    if (cached != null && cached.obtainedAt().plus(refreshAfter).isAfter(clock.instant())) {
      return Future.succeededFuture(cached.value());
    }
    return refresh(id, traceparent);
  }

  /** A new temp key from the platform, now. */
  public Future<String> refresh(String id, String traceparent) {
    String permanent;
    try {
      permanent = permanentKey(id);
    } catch (UnknownAccount e) {
      return Future.failedFuture(e);
    }
    return fetching.computeIfAbsent(id, ignored -> fetch(id, permanent, traceparent)
        .onComplete(ar -> fetching.remove(id)))
        .map(TempKey::value);
  }

  /**
   * A temp key to use after {@code refused} was refused: the one another replica fetched meanwhile
   * (learned from the accounts topic), else a new one. Fetching again when a newer key is already
   * here would rotate it away from the replica that fetched it, and replicas would take turns
   * invalidating each other's keys.
   */
  public Future<String> replace(String id, String refused, String traceparent) {
    refusedKeys.put(id, refused);
    String newer = newerThan(id, refused);
    if (newer != null) {
      return Future.succeededFuture(newer);
    }
    // Refused, most likely, because another replica has just fetched a key: its record arrives through
    // the accounts topic, within a second even on a busy machine. Look for it every 100 ms for up to
    // 1.5 s (the deadline jittered, so that two replicas do not give up at the same moment), and fetch
    // one only when none came: a fetch rotates the key away from every other replica.
    Promise<String> replaced = Promise.promise();
    long giveUpAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
        LEARN_WAIT_MS + ThreadLocalRandom.current().nextLong(LEARN_WAIT_MS / 2));
    awaitLearnt(id, refused, giveUpAt, traceparent, replaced);
    return replaced.future();
  }

  private void awaitLearnt(String id, String refused, long giveUpAt, String traceparent, Promise<String> replaced) {
    timers.after(LEARN_POLL_MS, () -> {
      String learnt = newerThan(id, refused);
      if (learnt != null) {
        replaced.complete(learnt);
      } else if (System.nanoTime() < giveUpAt) {
        awaitLearnt(id, refused, giveUpAt, traceparent, replaced);
      } else {
        refresh(id, traceparent).onComplete(replaced);
      }
    });
  }

  private String newerThan(String id, String refused) {
    TempKey current = tempKeys.get(id);
    return current != null && !current.value().equals(refused) ? current.value() : null;
  }

  /** Refreshes every temp key older than the refresh interval; run on a timer. */
  public Future<Void> refreshDue() {
    var due = tempKeys.entrySet().stream()
        .filter(e -> !e.getValue().obtainedAt().plus(refreshAfter).isAfter(clock.instant()))
        .map(e -> refresh(e.getKey(), null).<Void>mapEmpty().recover(x -> Future.succeededFuture()))
        .toList();
    return Future.all(due).mapEmpty();
  }

  private Future<TempKey> fetch(String id, String permanent, String traceparent) {
    PlatformCall call = PlatformCalls.getAccountkey(id);
    return client.send(call, permanent, traceparent).compose(answer -> {
      String value = answer.text("key_temp");
      if (!answer.succeeded() || value == null || value.isEmpty()) {
        return Future.failedFuture(new KeyRefused(id, answer));
      }
      TempKey key = new TempKey(value, clock.instant());
      tempKeys.put(id, key);
      onFetched.accept(new AccountRecord(id, null, null, null, null, key, clock.instant()));
      return Future.succeededFuture(key);
    });
  }
}
