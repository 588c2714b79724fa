package com.conferencegateway.bench;

import java.util.BitSet;

/**
 * The pushes (or CDRs) of a run, by sequence number, one bit each. A set of their ids as strings
 * kept hundreds of MB alive in the load generator, whose young GCs then copied them for 40-57 ms
 * each: stalls that an open-loop run counts as the gateway's latency.
 */
final class SequenceSet {
  private final BitSet bits = new BitSet();

  synchronized void add(long sequence) {
    bits.set(Math.toIntExact(sequence));
  }

  synchronized int size() {
    return bits.cardinality();
  }

  /** How many of this set's members {@code found} lacks. */
  synchronized int missingFrom(SequenceSet found) {
    BitSet missing = (BitSet) bits.clone();
    synchronized (found) {
      missing.andNot(found.bits);
    }
    return missing.cardinality();
  }
}
