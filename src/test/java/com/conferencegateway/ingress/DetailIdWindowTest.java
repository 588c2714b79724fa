package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DetailIdWindowTest {

  @Test
  void theOldestIdIsForgottenFirstAndARepeatKeepsItsAge() {
    DetailIdWindow window = new DetailIdWindow(3);
    window.add("a");
    window.add("b");
    window.add("a");
    window.add("c");
    window.add("d");
    assertThat(window.contains("a")).isFalse();
    assertThat(window.contains("b")).isTrue();
    assertThat(window.contains("c")).isTrue();
    assertThat(window.contains("d")).isTrue();
    assertThat(window.size()).isEqualTo(3);
  }

  @Test
  void idsWithTheSameHashOrTheSamePrefixStayApart() {
    DetailIdWindow window = new DetailIdWindow(10);
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    window.add("Aa");
    assertThat(window.contains("BB")).isFalse();
    window.add("1234567890123456789012345678901");
    assertThat(window.contains("123456789012345678901234567890")).isFalse();
    assertThat(window.contains("12345678901234567890123456789012")).isFalse();
    assertThat(window.contains("1234567890123456789012345678901")).isTrue();
  }

  @Test
  void idsLongerThanASlotAreHeldWhole() {
    DetailIdWindow window = new DetailIdWindow(2);
    String cjk = "话单".repeat(15);
    window.add(cjk);
    assertThat(window.contains(cjk)).isTrue();
    assertThat(window.contains("话单".repeat(14) + "话")).isFalse();
    window.add("x");
    window.add("y");
    assertThat(window.contains(cjk)).isFalse();
  }

  @Test
  void aWindowOfNothingIsRefused() {
    assertThatThrownBy(() -> new DetailIdWindow(0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Against an insertion-ordered map that drops its eldest: what the dedup set was before. */
  @Test
  void behavesAsABoundedInsertionOrderedSetUnderRandomUse() {
    Random random = new Random(11);
    for (int capacity : new int[] {1, 2, 7, 64, 1000, 10_000}) {
      DetailIdWindow window = new DetailIdWindow(capacity);
      Map<String, Boolean> reference = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > capacity;
        }
      };
      for (int i = 0; i < 200_000; i++) {
        String id = id(random, capacity);
        if (random.nextBoolean()) {
          window.add(id);
          reference.put(id, Boolean.TRUE);
        } else {
          assertThat(window.contains(id)).as("capacity %d, step %d, %s", capacity, i, id)
              .isEqualTo(reference.containsKey(id));
        }
      }
      assertThat(window.size()).isEqualTo(reference.size());
      for (String id : reference.keySet()) {
        assertThat(window.contains(id)).as(id).isTrue();
      }
    }
  }

  /** Ids drawn from a pool about three times the window, so that hits, misses and evictions all happen. */
  private static String id(Random random, int capacity) {
    int n = random.nextInt(capacity * 3 + 2);
    return switch (n % 4) {
      case 0 -> Integer.toString(n);
      case 1 -> "detail-" + n + "-" + "x".repeat(n % 40);
      case 2 -> "单" + n;
      default -> n % 8 == 3 ? "Aa" + n : "BB" + n;
    };
  }
}
