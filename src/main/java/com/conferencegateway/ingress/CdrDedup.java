package com.conferencegateway.ingress;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which CDRs ({@code detailId}s) were already accepted. Bounded: the oldest are forgotten first
 * ({@link DetailIdWindow}: a few arrays, no object per id).
 * Filled by this gateway's own acknowledged publishes and by tailing {@code conference.cdr}, so it
 * survives restarts and is shared by replicas. A detailId being published by another request right
 * now is "pending": a repeat waits for that outcome rather than answering before it is durable.
 * Shared by every push-server instance, hence synchronized.
 */
public final class CdrDedup {
  private final DetailIdWindow seen;
  private final Map<String, Future<Void>> pending = new HashMap<>();

  public CdrDedup(int maxEntries) {
    this.seen = new DetailIdWindow(maxEntries);
  }

  public synchronized void markSeen(String detailId) {
    seen.add(detailId);
  }

  public synchronized boolean isSeen(String detailId) {
    return seen.contains(detailId);
  }

  public synchronized int size() {
    return seen.size();
  }

  /**
   * Splits a batch: CDRs to publish now (claimed, with {@code outcome} as their pending result),
   * CDRs another request is publishing (their outcomes to wait for), and the rest, already seen.
   */
  public synchronized Claim claim(List<Cdr> cdrs, Future<Void> outcome) {
    List<Cdr> fresh = new ArrayList<>();
    List<Future<Void>> inFlightElsewhere = new ArrayList<>();
    for (Cdr cdr : cdrs) {
      if (seen.contains(cdr.detailId())) {
        continue;
      }
      Future<Void> other = pending.get(cdr.detailId());
      if (other != null) {
        inFlightElsewhere.add(other);
      } else {
        fresh.add(cdr);
        pending.put(cdr.detailId(), outcome);
      }
    }
    return new Claim(fresh, inFlightElsewhere);
  }

  /** Ends a claim: acknowledged CDRs become seen; failed ones may be claimed again by a retry. */
  public synchronized void settle(List<Cdr> claimed, boolean acknowledged) {
    for (Cdr cdr : claimed) {
      pending.remove(cdr.detailId());
      if (acknowledged) {
        seen.add(cdr.detailId());
      }
    }
  }

  public record Claim(List<Cdr> fresh, List<Future<Void>> inFlightElsewhere) {
    public boolean allSeen() {
      return fresh.isEmpty() && inFlightElsewhere.isEmpty();
    }
  }
}
