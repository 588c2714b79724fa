package com.conferencegateway.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.KeyValue;

/**
 * The fold's store as this process holds it (Kafka Streams interactive queries): the partitions it
 * folds, and the standby copies it keeps, and where every other partition lives. Reads touch RocksDB
 * and Streams' locks: they block, so callers run them on a worker, never on an event loop.
 */
public final class LocalSessions {
  /** Keys in the store's own order: RocksDB compares their UTF-8 bytes. */
  public static final Comparator<String> STORE_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private final Supplier<KafkaStreams> streams;

  /** What this process can say of one conference. */
  public sealed interface Lookup permits Found, Absent, NotHere, NotReady {}

  /** The conference's {@code conference.sessions} value, as JSON. */
  public record Found(byte[] json) implements Lookup {}

  /** This process holds the conference's partition and the conference is not in it. */
  public record Absent() implements Lookup {}

  /** This process holds no copy of the conference's partition (it moved, or never was here). */
  public record NotHere() implements Lookup {}

  /** The fold is not running yet, or its partitions are being moved. */
  public record NotReady(String why) implements Lookup {}

  /** Where a key's partition lives: its active process and its standbys, by their query endpoints. */
  public record Owners(int partition, HostInfo active, List<HostInfo> standbys) {}

  /** One conference of a page: its id, and its value as JSON. */
  public record Entry(String sessionId, byte[] json) {}

  /** Conferences after a point, from the partitions this process folds, and which partitions those are. */
  public record Page(List<Entry> entries, Set<Integer> partitions) {}

  public LocalSessions(Supplier<KafkaStreams> streams) {
    this.streams = streams;
  }

  /**
   * Blocking. The conference from the local store: its active copy, or a standby's when {@code standbyToo}.
   * Read through the classic interactive queries ({@code KafkaStreams#store}), not IQv2's
   * {@code KafkaStreams#query}: in Kafka Streams 4.2 a key query holds the store's position lock and then
   * waits for the store, while the fold's {@code put} holds the store and waits for the position, and the
   * two deadlocked under load (docs/benchmarks.md, eleventh pass).
   */
  public Lookup get(String sessionId, int partition, boolean standbyToo) {
    KafkaStreams running = queryable();
    if (running == null) {
      return new NotReady("the session fold is not running yet");
    }
    try {
      FoldedSession found = store(running, partition, standbyToo).get(sessionId);
      return found == null ? new Absent() : new Found(SessionJson.toBytes(found.view()));
    } catch (InvalidStateStoreException | IllegalStateException e) {
      return new NotHere();
    }
  }

  /**
   * Blocking. Up to {@code limit} conferences after {@code after} (null: from the first) that match,
   * in store order, from the partitions this process folds (never a standby's copy: a list must not
   * count one partition twice).
   */
  public Page page(String after, SessionStatus status, String accountId, int limit, int partitions) {
    KafkaStreams running = queryable();
    if (running == null) {
      return new Page(List.of(), Set.of());
    }
    List<Entry> entries = new ArrayList<>();
    Set<Integer> answered = new TreeSet<>();
    for (int p = 0; p < partitions; p++) {
      ReadOnlyKeyValueStore<String, FoldedSession> store;
      try {
        store = store(running, p, false);
        // The first read tells whether the partition is folded here; a range iterator would tell only later.
        store.approximateNumEntries();
      } catch (InvalidStateStoreException | IllegalStateException e) {
        continue; // not folded here
      }
      int taken = 0;
      try (KeyValueIterator<String, FoldedSession> it = after == null ? store.all() : store.range(after, null)) {
        while (it.hasNext() && taken < limit) {
          KeyValue<String, FoldedSession> kv = it.next();
          if (after != null && kv.key.equals(after)) {
            continue; // the lower bound is inclusive; the cursor's conference was on the previous page
          }
          ConferenceSession view = kv.value.view();
          if ((status == null || view.status() == status) && (accountId == null || accountId.equals(view.accountId()))) {
            entries.add(new Entry(kv.key, SessionJson.toBytes(view)));
            taken++;
          }
        }
      } catch (InvalidStateStoreException e) {
        continue; // moved away while being read: its new owner answers for it
      }
      answered.add(p);
    }
    entries.sort(Comparator.comparing(Entry::sessionId, STORE_ORDER));
    return new Page(entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries, answered);
  }

  private static ReadOnlyKeyValueStore<String, FoldedSession> store(KafkaStreams running, int partition,
      boolean standbyToo) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, FoldedSession>> params = StoreQueryParameters
        .fromNameAndType(SessionTopology.STORE, QueryableStoreTypes.<String, FoldedSession>keyValueStore())
        .withPartition(partition);
    return running.store(standbyToo ? params.enableStaleStores() : params);
  }

  /** Where {@code sessionId} is folded, or null while that is not known (starting, or moving partitions). */
  public Owners owners(String sessionId) {
    KafkaStreams running = streams.get();
    if (running == null) {
      return null;
    }
    KeyQueryMetadata meta;
    try {
      meta = running.queryMetadataForKey(SessionTopology.STORE, sessionId, Serdes.String().serializer());
    } catch (IllegalStateException | InvalidStateStoreException e) {
      return null;
    }
    if (meta == null || meta.activeHost() == null || meta.activeHost().port() < 0
        || KeyQueryMetadata.NOT_AVAILABLE.equals(meta)) {
      return null;
    }
    return new Owners(meta.partition(), meta.activeHost(), List.copyOf(meta.standbyHosts()));
  }

  /** Every process that folds partitions of the store, by its query endpoint; empty while not known. */
  public Collection<HostInfo> folders() {
    KafkaStreams running = streams.get();
    if (running == null) {
      return List.of();
    }
    try {
      return running.streamsMetadataForStore(SessionTopology.STORE).stream()
          .filter(m -> !m.topicPartitions().isEmpty())
          .map(StreamsMetadata::hostInfo).toList();
    } catch (IllegalStateException | InvalidStateStoreException e) {
      return List.of();
    }
  }

  private KafkaStreams queryable() {
    KafkaStreams running = streams.get();
    if (running == null) {
      return null;
    }
    KafkaStreams.State state = running.state();
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING ? running : null;
  }
}
