package com.conferencegateway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void withoutRampEveryPushIsDueAtItsIndexOverTheRate() {
    OpenLoopSchedule s = new OpenLoopSchedule(10_000, 0);
    assertEquals(0, s.dueAt(0));
    assertEquals(100_000, s.dueAt(1));
    assertEquals(3 * SECOND, s.dueAt(30_000));
    assertEquals(10_000, s.countBefore(SECOND));
    assertEquals(0, s.countBefore(0));
  }

  @Test
  void rampSendsHalfWhatTheFullRateWouldThenHoldsTheRate() {
    OpenLoopSchedule s = new OpenLoopSchedule(10_000, 10 * SECOND);
    // Over a 10 s ramp to 10,000/s: 50,000 pushes, a quarter of them in its first half.
    assertEquals(5 * SECOND, s.dueAt(12_500));
    assertEquals(10 * SECOND, s.dueAt(50_000));
    assertEquals(12_500, s.countBefore(5 * SECOND));
    assertEquals(50_000, s.countBefore(10 * SECOND));
    // Then 10,000 more each second.
    assertEquals(11 * SECOND, s.dueAt(60_000));
    assertEquals(150_000, s.countBefore(20 * SECOND));
    // During the ramp the rate is proportional to the time: 1,000/s one second in, 9,000/s nine in.
    assertEquals(1_000, s.countBefore(SECOND + SECOND / 2) - s.countBefore(SECOND / 2), 1);
    assertEquals(9_000, s.countBefore(9 * SECOND + SECOND / 2) - s.countBefore(8 * SECOND + SECOND / 2), 1);
  }

  @Test
  void dueTimesGrowWithEveryPushAcrossTheRampsEnd() {
    OpenLoopSchedule s = new OpenLoopSchedule(7_000, 3 * SECOND);
    long previous = -1;
    for (long k = 0; k < 40_000; k++) {
      long at = s.dueAt(k);
      assertTrue(at > previous, "push " + k + " is due after push " + (k - 1));
      previous = at;
    }
    // The ramp ends at 10,500 pushes and 3 s; the held rate then spaces them 1/7,000 s apart.
    assertEquals(3 * SECOND, s.dueAt(10_500), 1_000);
    assertEquals(SECOND / 7_000, s.dueAt(10_501) - s.dueAt(10_500), 1);
  }

  @Test
  void refusesAZeroRateAndANegativeRamp() {
    assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(100, -1));
  }
}
