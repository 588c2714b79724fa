package com.conferencegateway.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs the simulator's call steps after their delay. The delays are a few fixed lengths (multiples of
 * the pacing), so each length keeps a FIFO queue, served by one periodic {@link #tick()}: O(1) a step,
 * firing up to one tick late. As one Vert.x timer each, the thousands of steps pending under load
 * made the event loop's timer priority queue (O(log n) a timer) its top frame.
 */
final class PacedSteps {
  private record Due(long atMillis, Runnable task) {}

  private static final Comparator<Due> BY_TIME = Comparator.comparingLong(Due::atMillis);

  private final LongSupplier clockMillis;
  private final Map<Long, ArrayDeque<Due>> byDelay = new HashMap<>();

  PacedSteps(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
  }

  synchronized void after(long delayMs, Runnable task) {
    byDelay.computeIfAbsent(delayMs, d -> new ArrayDeque<>()).addLast(new Due(clockMillis.getAsLong() + delayMs, task));
  }

  /** Runs what is due, earliest first; outside the lock, since a step schedules the next one. */
  void tick() {
    List<Due> due = new ArrayList<>();
    synchronized (this) {
      long now = clockMillis.getAsLong();
      for (ArrayDeque<Due> queue : byDelay.values()) {
        while (!queue.isEmpty() && queue.peekFirst().atMillis() <= now) {
          due.add(queue.pollFirst());
        }
      }
    }
    due.sort(BY_TIME);
    due.forEach(d -> d.task().run());
  }

  synchronized int pending() {
    return byDelay.values().stream().mapToInt(ArrayDeque::size).sum();
  }
}
