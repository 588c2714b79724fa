package com.conferencegateway.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
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

  /** Blocking. The conference from the local store: its active copy, or a standby's when {@code standbyToo}. */
  public Lookup get(String sessionId, int partition, boolean standbyToo) {
    KafkaStreams running = queryable();
    if (running == null) {
      return new NotReady("the session fold is not running yet");
    }
    StateQueryRequest<FoldedSession> request = StateQueryRequest.inStore(SessionTopology.STORE)
        .withQuery(KeyQuery.<String, FoldedSession>withKey(sessionId)).withPartitions(Set.of(partition));
    if (!standbyToo) {
      request = request.requireActive();
    }
    StateQueryResult<FoldedSession> result;
    try {
      result = running.query(request);
    } catch (InvalidStateStoreException | IllegalStateException e) {
      return new NotReady("the session fold's store is not open: " + e.getMessage());
    }
    QueryResult<FoldedSession> one = result.getPartitionResults().get(partition);
    if (one == null || one.isFailure()) {
      return new NotHere();
    }
    FoldedSession found = one.getResult();
    return found == null ? new Absent() : new Found(SessionJson.toBytes(found.view()));
  }

  /**
   * Blocking. Up to {@code limit} conferences after {@code after} (null: from the first) that match,
   * in store order, from the partitions this process folds (never a standby's copy: a list must not
   * count one partition twice).
   */
  public Page page(String after, SessionStatus status, String accountId, int limit) {
    KafkaStreams running = queryable();
    if (running == null) {
      return new Page(List.of(), Set.of());
    }
    RangeQuery<String, FoldedSession> range = after == null ? RangeQuery.withNoBounds() : RangeQuery.withLowerBound(after);
    StateQueryResult<KeyValueIterator<String, FoldedSession>> result;
    try {
      result = running.query(StateQueryRequest.inStore(SessionTopology.STORE).withQuery(range).requireActive());
    } catch (InvalidStateStoreException | IllegalStateException e) {
      return new Page(List.of(), Set.of());
    }
    List<Entry> entries = new ArrayList<>();
    Set<Integer> answered = new TreeSet<>();
    for (Map.Entry<Integer, QueryResult<KeyValueIterator<String, FoldedSession>>> p : result.getPartitionResults().entrySet()) {
      if (p.getValue().isFailure()) {
        continue;
      }
      answered.add(p.getKey());
      try (KeyValueIterator<String, FoldedSession> it = p.getValue().getResult()) {
        int taken = 0;
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
      }
    }
    entries.sort(Comparator.comparing(Entry::sessionId, STORE_ORDER));
    return new Page(entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries, answered);
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
