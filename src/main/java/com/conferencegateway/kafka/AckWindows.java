package com.conferencegateway.kafka;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Calls waiting for Kafka's acknowledgement, kept in windows of one sweep period each, so that a
 * sweep looks at windows, not at calls: a window whose calls are all settled is dropped whole, and
 * only a window with a call past its deadline is searched. (Polling every call off one queue was
 * 12% of an event loop's CPU under load.) Calls are added from any thread and settled from Kafka's.
 */
final class AckWindows<C extends AckWindows.Call> {
  /** One call: settled once, by its acknowledgement or by its deadline. */
  abstract static class Call {
    final long deadlineNanos;
    private final AtomicBoolean settled = new AtomicBoolean();
    Window<?> window; // set once, before the call can be settled

    Call(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }

    /** True for the one caller that settles it. */
    final boolean settle() {
      if (!settled.compareAndSet(false, true)) {
        return false;
      }
      if (window != null) {
        window.unsettled.decrementAndGet();
      }
      return true;
    }

    final boolean settled() {
      return settled.get();
    }
  }

  private static final class Window<C extends Call> {
    final long closesAtNanos;
    final Queue<C> calls = new ConcurrentLinkedQueue<>();
    // Calls not settled yet; -1 once the sweep has dropped it, so that no call joins it after that.
    final AtomicInteger unsettled = new AtomicInteger();

    Window(long closesAtNanos) {
      this.closesAtNanos = closesAtNanos;
    }

    boolean join() {
      for (int n = unsettled.get(); n >= 0; n = unsettled.get()) {
        if (unsettled.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }
  }

  private final long periodNanos;
  private final Queue<Window<C>> windows = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Window<C>> current = new AtomicReference<>();

  AckWindows(long periodNanos) {
    this.periodNanos = periodNanos;
  }

  /** Keeps the call until it is settled; call before anything can settle it. */
  void add(C call, long nowNanos) {
    for (;;) {
      Window<C> w = current.get();
      if (w == null || nowNanos - w.closesAtNanos >= 0) {
        Window<C> fresh = new Window<>(nowNanos + periodNanos);
        if (current.compareAndSet(w, fresh)) {
          windows.add(fresh);
        }
        continue;
      }
      if (w.join()) {
        call.window = w;
        w.calls.add(call);
        return;
      }
      current.compareAndSet(w, null); // dropped by a sweep: open another
    }
  }

  /**
   * Drops the closed windows whose calls are all settled, and hands every unsettled call past its
   * deadline to {@code overdue}, which settles it. A call is seen once its window has closed: with
   * deadlines at least one period away, that is at the first sweep after its deadline.
   */
  void sweep(long nowNanos, Consumer<C> overdue) {
    for (Iterator<Window<C>> it = windows.iterator(); it.hasNext(); ) {
      Window<C> w = it.next();
      boolean closed = nowNanos - w.closesAtNanos >= 0;
      if (closed && w.unsettled.compareAndSet(0, -1)) {
        it.remove();
        continue;
      }
      if (closed) {
        // Only while Kafka is slow: what is settled leaves, so each call is looked at until it is.
        w.calls.removeIf(call -> {
          if (!call.settled() && nowNanos - call.deadlineNanos > 0) {
            overdue.accept(call);
          }
          return call.settled();
        });
      }
    }
  }

  /** Windows kept; for tests and the curious. */
  int windowCount() {
    return windows.size();
  }
}
