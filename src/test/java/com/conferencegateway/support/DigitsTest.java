package com.conferencegateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DigitsTest {
  private static String padded(int value, int width) {
    return Digits.pad(new StringBuilder("x"), value, width).toString();
  }

  @Test
  void writesEveryWidthLikeTheFormatter() {
    SplittableRandom random = new SplittableRandom(7);
    for (int width = 1; width <= 9; width++) {
      for (int i = 0; i < 2_000; i++) {
        int value = random.nextInt(i % 2 == 0 ? 10 : Integer.MAX_VALUE);
        assertEquals("x" + String.format("%0" + width + "d", value), padded(value, width), value + " in " + width);
      }
    }
  }

  @Test
  void keepsTheFieldsEdges() {
    assertEquals("x000", padded(0, 3));
    assertEquals("x999", padded(999, 3));
    assertEquals("x0001", padded(1, 4));
    assertEquals("x999999999", padded(999_999_999, 9));
  }

  @Test
  void writesAValueWiderThanItsFieldInFull() {
    assertEquals("x12345", padded(12_345, 4));
    assertEquals("x1000", padded(1_000, 3));
    assertEquals("x2147483647", padded(Integer.MAX_VALUE, 9));
  }

  @Test
  void writesTheIsoDateAndTimeEveryTimestampShares() {
    assertEquals("2026-01-02T03:04:05", Digits.isoDateTime(new StringBuilder(), 2026, 1, 2, 3, 4, 5).toString());
    assertEquals("0999-12-31T23:59:59", Digits.isoDateTime(new StringBuilder(), 999, 12, 31, 23, 59, 59).toString());
  }

  @Test
  void writesANegativeValueAsBeforeTheRewrite() {
    assertEquals("x00-5", padded(-5, 4));
  }
}
