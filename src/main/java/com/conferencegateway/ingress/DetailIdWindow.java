package com.conferencegateway.ingress;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The last {@code capacity} detailIds seen, oldest forgotten first, held in a few arrays allocated
 * once instead of an object per id. At 100,000 CDRs/s a map of 300,000 ids turned over every three
 * seconds: each entry lived long enough to be promoted, then died in the old generation, and the
 * collector spent a quarter of the gateway's CPU on it (docs/benchmarks.md).
 *
 * <p>An id's UTF-8 bytes live in a fixed slot of a byte arena (ids of at most 31 bytes, which is
 * every id in the spec's examples); a longer one is kept as a String beside its slot. Slots are
 * reused round-robin; an open-addressing table (linear probing, backward-shift deletion) finds an
 * id's slot. Comparison is always of the whole id: two ids never count as one. The arrays grow by
 * doubling until they hold {@code capacity} ids, so a replica that sees few CDRs holds little.
 * Not thread-safe.
 */
final class DetailIdWindow {
  private static final int SLOT = 32;
  private static final int FIRST_SLOTS = 4096;

  private final int capacity;
  private byte[] arena;
  private int[] hashes;
  private String[] longIds;
  /** Slot number + 1 per bucket; 0 is an empty bucket. */
  private int[] table;
  private int mask;
  private int next;
  private int size;

  DetailIdWindow(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.capacity = capacity;
    allocate(Math.min(capacity, FIRST_SLOTS));
  }

  private void allocate(int slots) {
    arena = arena == null ? new byte[Math.multiplyExact(slots, SLOT)] : Arrays.copyOf(arena, Math.multiplyExact(slots, SLOT));
    hashes = hashes == null ? new int[slots] : Arrays.copyOf(hashes, slots);
    longIds = longIds == null ? new String[slots] : Arrays.copyOf(longIds, slots);
    // At most half full, so that probes stay short.
    table = new int[Integer.highestOneBit(Math.max(2, slots) * 2 - 1) << 1];
    mask = table.length - 1;
    for (int slot = 0; slot < size; slot++) {
      link(slot);
    }
  }

  int size() {
    return size;
  }

  boolean contains(String id) {
    return find(id, utf8(id), spread(id.hashCode())) >= 0;
  }

  /** Remembers {@code id}, forgetting the oldest when full; an id already held keeps its age. */
  void add(String id) {
    byte[] bytes = utf8(id);
    int hash = spread(id.hashCode());
    if (find(id, bytes, hash) >= 0) {
      return;
    }
    if (size == hashes.length && size < capacity) {
      // Not yet wrapped around, so the slots in use are 0 .. size-1 and the next one is size.
      allocate((int) Math.min(capacity, 2L * size));
    }
    int slot = next;
    next = next + 1 == capacity ? 0 : next + 1;
    if (size == capacity) {
      unlink(slot);
    } else {
      size++;
    }
    hashes[slot] = hash;
    if (bytes.length < SLOT) {
      arena[slot * SLOT] = (byte) bytes.length;
      System.arraycopy(bytes, 0, arena, slot * SLOT + 1, bytes.length);
      longIds[slot] = null;
    } else {
      longIds[slot] = id;
    }
    link(slot);
  }

  private void link(int slot) {
    int bucket = hashes[slot] & mask;
    while (table[bucket] != 0) {
      bucket = (bucket + 1) & mask;
    }
    table[bucket] = slot + 1;
  }

  /** The bucket holding {@code id}, or -1. */
  private int find(String id, byte[] bytes, int hash) {
    for (int bucket = hash & mask; table[bucket] != 0; bucket = (bucket + 1) & mask) {
      int slot = table[bucket] - 1;
      if (hashes[slot] == hash && holds(slot, id, bytes)) {
        return bucket;
      }
    }
    return -1;
  }

  private boolean holds(int slot, String id, byte[] bytes) {
    String longId = longIds[slot];
    if (longId != null) {
      return longId.equals(id);
    }
    int at = slot * SLOT;
    return bytes.length < SLOT && arena[at] == bytes.length
        && Arrays.equals(arena, at + 1, at + 1 + bytes.length, bytes, 0, bytes.length);
  }

  /** Removes the slot's bucket, shifting later buckets of the same probe run back into the gap. */
  private void unlink(int slot) {
    int gap = hashes[slot] & mask;
    while (table[gap] != slot + 1) {
      gap = (gap + 1) & mask;
    }
    for (int bucket = (gap + 1) & mask; table[bucket] != 0; bucket = (bucket + 1) & mask) {
      int home = hashes[table[bucket] - 1] & mask;
      // The entry may move into the gap when its home is not between the gap and its bucket (cyclically).
      if (((bucket - home) & mask) >= ((bucket - gap) & mask)) {
        table[gap] = table[bucket];
        gap = bucket;
      }
    }
    table[gap] = 0;
    longIds[slot] = null;
  }

  private static byte[] utf8(String id) {
    return id.getBytes(StandardCharsets.UTF_8);
  }

  /** String hashes of similar ids differ in their low bits only a little; the table indexes by those. */
  private static int spread(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }
}
