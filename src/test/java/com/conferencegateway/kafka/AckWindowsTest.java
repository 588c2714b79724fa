package com.conferencegateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AckWindowsTest {
  private static final long PERIOD = 100;
  private static final long TIMEOUT = 1_000;

  private static final class TestCall extends AckWindows.Call {
    TestCall(long deadline) {
      super(deadline);
    }
  }

  private final AckWindows<TestCall> windows = new AckWindows<>(PERIOD);
  private final List<TestCall> overdue = new ArrayList<>();

  private TestCall add(long now) {
    TestCall call = new TestCall(now + TIMEOUT);
    windows.add(call, now);
    return call;
  }

  private void sweep(long now) {
    windows.sweep(now, call -> {
      overdue.add(call);
      call.settle();
    });
  }

  @Test
  void aClosedWindowWhoseCallsAreAllSettledIsDroppedWholeAndNothingTimesOut() {
    List<TestCall> calls = new ArrayList<>();
    for (long t = 0; t < 250; t += 10) {
      calls.add(add(t));
    }
    assertThat(windows.windowCount()).isEqualTo(3);
    calls.forEach(TestCall::settle);
    sweep(260);
    assertThat(windows.windowCount()).as("the open window stays until it closes").isEqualTo(1);
    sweep(400);
    assertThat(windows.windowCount()).isZero();
    sweep(5_000);
    assertThat(overdue).isEmpty();
  }

  @Test
  void aCallNotAcknowledgedIsHandedOverOnceAtTheFirstSweepPastItsDeadline() {
    TestCall late = add(0);
    TestCall acknowledged = add(10);
    acknowledged.settle();
    sweep(500);
    sweep(1_000);
    assertThat(overdue).isEmpty();
    sweep(1_001);
    assertThat(overdue).containsExactly(late);
    sweep(1_100);
    assertThat(overdue).containsExactly(late);
    assertThat(windows.windowCount()).isZero();
  }

  @Test
  void aCallSettledTwiceCountsOnce() {
    TestCall call = add(0);
    TestCall other = add(1);
    assertThat(call.settle()).isTrue();
    assertThat(call.settle()).isFalse();
    sweep(200);
    assertThat(windows.windowCount()).as("one call is still out").isEqualTo(1);
    sweep(1_002);
    assertThat(overdue).containsExactly(other);
  }

  @Test
  void aCallAfterItsWindowWasDroppedGoesToANewOneAndStillTimesOut() {
    add(0).settle();
    sweep(150);
    assertThat(windows.windowCount()).isZero();
    TestCall late = add(160);
    assertThat(windows.windowCount()).isEqualTo(1);
    sweep(1_161);
    assertThat(overdue).containsExactly(late);
  }

  @Test
  void callsAddedAndSettledFromManyThreadsWhileSweepingLeaveNothingBehind() throws Exception {
    AckWindows<TestCall> shared = new AckWindows<>(1);
    AtomicLong clock = new AtomicLong();
    AtomicInteger handedOver = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int thread = 0; thread < 4; thread++) {
      done.add(pool.submit(() -> {
        for (int i = 0; i < 50_000; i++) {
          long now = clock.incrementAndGet();
          TestCall call = new TestCall(now + 1_000_000_000L); // never due in this test
          shared.add(call, now);
          call.settle();
          if (i % 500 == 0) {
            shared.sweep(clock.get(), c -> handedOver.incrementAndGet());
          }
        }
      }));
    }
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    shared.sweep(clock.get() + 10, c -> handedOver.incrementAndGet());
    assertThat(handedOver).as("no call was due").hasValue(0);
    assertThat(shared.windowCount()).isZero();
  }

  @Test
  void aCallStillOutAmongManyThreadsIsTheOneHandedOver() throws Exception {
    AckWindows<TestCall> shared = new AckWindows<>(1);
    AtomicLong clock = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<TestCall>> kept = new ArrayList<>();
    for (int thread = 0; thread < 4; thread++) {
      kept.add(pool.submit(() -> {
        TestCall unacknowledged = null;
        for (int i = 0; i < 20_000; i++) {
          long now = clock.incrementAndGet();
          TestCall call = new TestCall(now + 1_000_000L);
          shared.add(call, now);
          if (i == 7_777) {
            unacknowledged = call;
          } else {
            call.settle();
          }
        }
        return unacknowledged;
      }));
    }
    List<TestCall> expected = new ArrayList<>();
    for (Future<TestCall> f : kept) {
      expected.add(f.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();
    List<TestCall> late = new ArrayList<>();
    shared.sweep(clock.get() + 2_000_000L, call -> {
      late.add(call);
      call.settle();
    });
    assertThat(late).containsExactlyInAnyOrderElementsOf(expected);
    shared.sweep(clock.get() + 2_000_001L, call -> late.add(call));
    assertThat(late).hasSize(4);
    assertThat(shared.windowCount()).isZero();
  }
}
