package com.conferencegateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring as the accounts topic and the waiting calls see it: plain, no Vert.x, no Kafka. */
class KeyRingTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private final KeyRing ring = new KeyRing((id, key) -> "fp-" + key);
  private final List<String> told = new ArrayList<>();

  private KeyRing.Waiter waiter(String name) {
    return new KeyRing.Waiter() {
      @Override
      public void key(KeyRing.CurrentKey key) {
        told.add(name + " got " + key.fingerprint());
      }

      @Override
      public void unavailable(RuntimeException why) {
        told.add(name + " unavailable: " + why.getMessage());
      }
    };
  }

  @Test
  void theLastKeyReadWinsAndTheSameKeyAgainChangesNothing() {
    ring.learn("A", new TempKey("k1", T0.plusSeconds(10)));
    long first = ring.current("A").generation();
    // Written later on the topic, though its owner's clock is behind: the topic's order is the platform's.
    ring.learn("A", new TempKey("k2", T0));
    assertThat(ring.current("A").value()).isEqualTo("k2");
    long second = ring.current("A").generation();
    assertThat(second).isGreaterThan(first);
    ring.learn("A", new TempKey("k2", T0));
    assertThat(ring.current("A").generation()).as("read again: no new generation").isEqualTo(second);
  }

  @Test
  void aWaiterForAKeyOtherThanTheRefusedOneIsToldOnlyWhenSuchAKeyArrives() {
    ring.learn("A", new TempKey("k1", T0));
    ring.await("A", "fp-k1", waiter("refused-k1"));
    ring.await("A", null, waiter("any"));
    assertThat(told).containsExactly("any got fp-k1");
    ring.learn("A", new TempKey("k1", T0));
    assertThat(told).hasSize(1);
    ring.learn("A", new TempKey("k2", T0));
    assertThat(told).containsExactly("any got fp-k1", "refused-k1 got fp-k2");
    assertThat(ring.waiting()).isZero();
  }

  @Test
  void anOwnersNoticeTellsOnlyTheWaitersForThatRefusedKey() {
    ring.learn("A", new TempKey("k1", T0));
    ring.await("A", "fp-k1", waiter("w1"));
    ring.await("B", "fp-k1", waiter("other account"));
    ring.unavailable("A", "fp-k1", new KeyUnavailable("A", "refused"));
    assertThat(told).containsExactly("w1 unavailable: no temp key for account A: refused");
    assertThat(ring.waiting()).isEqualTo(1);
  }

  @Test
  void aCancelledWaiterIsNeverTold() {
    Object token = ring.await("A", null, waiter("w"));
    ring.cancel("A", token);
    ring.learn("A", new TempKey("k1", T0));
    assertThat(told).isEmpty();
    assertThat(ring.waiting()).isZero();
  }

  @Test
  void keysOlderThanTheRefreshIntervalAreDue() {
    ring.learn("OLD", new TempKey("k1", T0));
    ring.learn("NEW", new TempKey("k2", T0.plus(Duration.ofMinutes(50))));
    assertThat(ring.due(Duration.ofMinutes(60), T0.plus(Duration.ofMinutes(61))).keySet()).containsExactly("OLD");
  }

  @Test
  void aKeyUseTellsAKeyThatArrivedAfterTheCommandsPreviousRefusal() {
    KeyUse use = new KeyUse(() -> true);
    ring.learn("A", new TempKey("k1", T0));
    KeyRing.CurrentKey k1 = ring.current("A");
    assertThat(use.arrivedAfterRefusal(k1)).as("before any refusal, a refusal may be about the key").isFalse();
    use.refused(k1, ring.generation());
    assertThat(use.refusedFingerprint()).isEqualTo("fp-k1");
    ring.learn("A", new TempKey("k2", T0));
    assertThat(use.arrivedAfterRefusal(ring.current("A"))).isTrue();
    assertThat(use.arrivedAfterRefusal(k1)).isFalse();
  }
}
