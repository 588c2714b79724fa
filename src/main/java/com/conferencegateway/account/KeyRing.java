package com.conferencegateway.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The keys this process signs with: permanent keys (the app's from config, accounts' from the
 * accounts file and from {@code conference.accounts}) and each account's current temp key, as
 * {@code conference.accounts} last said. Nothing here fetches a key: the account's key owner does
 * ({@link KeyOwner}), and its record reaches every process through the topic. Callers that need a
 * newer key than one the platform refused wait here for it ({@link #await}).
 *
 * <p>Every key learnt gets a generation, one counter for the process, so that a command can tell a
 * key that arrived after the platform refused its previous one (see {@link KeyUse}). Thread-safe:
 * records arrive on the accounts tail's context, calls are made on the command consumer's.
 */
public final class KeyRing {
  private final Map<String, String> permanentKeys = new ConcurrentHashMap<>();
  private final Map<String, CurrentKey> tempKeys = new ConcurrentHashMap<>();
  private final Map<String, List<Waiting>> waiters = new HashMap<>();
  private final AtomicLong generations = new AtomicLong();
  private final BiFunction<String, String, String> fingerprints;

  /** A temp key as this process knows it. Never printed with its value. */
  public record CurrentKey(String value, String fingerprint, Instant obtainedAt, long generation) {
    @Override
    public String toString() {
      return "CurrentKey[fingerprint=" + fingerprint + ", obtainedAt=" + obtainedAt + ", generation=" + generation + "]";
    }
  }

  /** Told once: the newer key, or why none will come. */
  public interface Waiter {
    void key(CurrentKey key);

    void unavailable(RuntimeException why);
  }

  /** {@code fingerprints}: (account id, key) to the key's fingerprint ({@link SecretBox#fingerprint}). */
  public KeyRing(BiFunction<String, String, String> fingerprints) {
    this.fingerprints = fingerprints;
  }

  public void putPermanent(String id, String key) {
    permanentKeys.put(id, key);
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

  /** The current temp key, or null when none is known. */
  public CurrentKey current(String id) {
    return tempKeys.get(id);
  }

  /** The generation of the newest key learnt so far, of any account. */
  public long generation() {
    return generations.get();
  }

  /**
   * A temp key read from {@code conference.accounts} (or just stored there by this process). The
   * last one wins: one owner per account writes them, so the topic's order is the platform's. The
   * same key again changes nothing. Waiters for a key other than the new one get it.
   */
  public void learn(String id, TempKey key) {
    String fingerprint = fingerprints.apply(id, key.value());
    CurrentKey learnt;
    List<Waiting> served;
    synchronized (waiters) {
      CurrentKey previous = tempKeys.get(id);
      if (previous != null && previous.fingerprint().equals(fingerprint)) {
        return;
      }
      learnt = new CurrentKey(key.value(), fingerprint, key.obtainedAt(), generations.incrementAndGet());
      tempKeys.put(id, learnt);
      served = take(id, w -> !fingerprint.equals(w.refused));
    }
    served.forEach(w -> w.waiter.key(learnt));
  }

  /**
   * Tells {@code waiter} of the first key whose fingerprint is not {@code refused} (null: any key),
   * at once when there is one already. Returns what {@link #cancel} takes.
   */
  public Object await(String id, String refused, Waiter waiter) {
    CurrentKey now;
    synchronized (waiters) {
      now = tempKeys.get(id);
      if (now == null || now.fingerprint().equals(refused)) {
        Waiting w = new Waiting(refused, waiter);
        waiters.computeIfAbsent(id, k -> new ArrayList<>()).add(w);
        return w;
      }
    }
    waiter.key(now);
    return null;
  }

  /** Stops waiting (a timeout); a no-op when the waiter was told already. */
  public void cancel(String id, Object token) {
    if (token != null) {
      synchronized (waiters) {
        take(id, w -> w == token);
      }
    }
  }

  /** The key owner could not replace {@code refused}: everyone waiting for that is told why. */
  public void unavailable(String id, String refused, RuntimeException why) {
    List<Waiting> told;
    synchronized (waiters) {
      told = take(id, w -> Objects.equals(w.refused, refused));
    }
    told.forEach(w -> w.waiter.unavailable(why));
  }

  /** Removes and returns the waiters of {@code id} that match; called holding the lock. */
  private List<Waiting> take(String id, java.util.function.Predicate<Waiting> match) {
    List<Waiting> taken = new ArrayList<>();
    List<Waiting> forId = waiters.get(id);
    if (forId != null) {
      forId.removeIf(w -> match.test(w) && taken.add(w));
      if (forId.isEmpty()) {
        waiters.remove(id);
      }
    }
    return taken;
  }

  /** Accounts whose temp key is older than {@code refreshAfter} at {@code now}, with that key. */
  public Map<String, CurrentKey> due(Duration refreshAfter, Instant now) {
    Map<String, CurrentKey> due = new HashMap<>();
    tempKeys.forEach((id, key) -> {
      if (!key.obtainedAt().plus(refreshAfter).isAfter(now)) {
        due.put(id, key);
      }
    });
    return due;
  }

  /** How many callers wait for a key, for tests and metrics. */
  public int waiting() {
    synchronized (waiters) {
      return waiters.values().stream().mapToInt(List::size).sum();
    }
  }

  /** A registered waiter and the fingerprint it wants replaced (null: it wants any key). */
  private record Waiting(String refused, Waiter waiter) {}
}
