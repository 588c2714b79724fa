package com.conferencegateway.session;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams topology of the session table. {@code conference.state} and {@code conference.cdr}
 * are keyed by session id already; the results of creates and ends are keyed by command, so they are
 * re-keyed by session id through one repartition topic. The three then meet in one task per partition,
 * where {@link SessionFoldProcessor} folds them into the store and writes {@code conference.sessions}.
 */
public final class SessionTopology {
  private static final Logger LOG = LoggerFactory.getLogger(SessionTopology.class);

  /** The state store; its changelog is {@code <applicationId>-conference-sessions-store-changelog}. */
  public static final String STORE = "conference-sessions-store";
  /** The repartition topic's name: {@code <applicationId>-results-by-session-repartition}. */
  public static final String RESULTS_BY_SESSION = "results-by-session";

  /** The topics the fold reads and the one it writes. */
  public record Topics(String state, String cdr, String commandResult, String sessions) {}

  private SessionTopology() {}

  public static Topology build(Topics topics, Clock clock, Duration retention, Duration purgeEvery,
      SessionMeters meters) {
    StreamsBuilder builder = new StreamsBuilder();
    Serde<FoldedSession> storeSerde = Serdes.serdeFrom(
        (topic, value) -> value == null ? null : StoreCodec.encode(value),
        (topic, bytes) -> bytes == null ? null : StoreCodec.decode(bytes));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
        storeSerde).withCachingDisabled());

    KStream<String, SessionEvent> states = builder
        .stream(topics.state(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-states"))
        .flatMapValues(v -> readable(() -> SessionEvents.state(v), meters), Named.as("parse-states"));
    KStream<String, SessionEvent> cdrs = builder
        .stream(topics.cdr(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-cdrs"))
        .flatMapValues(v -> readable(() -> SessionEvents.cdr(v), meters), Named.as("parse-cdrs"));
    KStream<String, SessionEvent> results = builder
        .stream(topics.commandResult(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-results"))
        .filter((key, value) -> SessionEvents.resultSession(value) != null, Named.as("creates-and-ends"))
        .selectKey((key, value) -> SessionEvents.resultSession(value), Named.as("key-by-session"))
        .repartition(Repartitioned.<String, byte[]>as(RESULTS_BY_SESSION)
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
        .flatMapValues(v -> readable(() -> SessionEvents.result(v), meters), Named.as("parse-results"));

    SessionFolder folder = new SessionFolder(clock);
    states.merge(cdrs, Named.as("states-and-cdrs"))
        .merge(results, Named.as("all-events"))
        .process(() -> new SessionFoldProcessor(folder, clock, retention, purgeEvery, meters), Named.as("fold"), STORE)
        .to(topics.sessions(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("write-sessions"));
    return builder.build();
  }

  /** The event, or none when the record is unreadable: skipped with a warning, never stopping the fold. */
  private static List<SessionEvent> readable(Supplier<SessionEvent> read, SessionMeters meters) {
    try {
      SessionEvent event = read.get();
      return event == null ? List.of() : List.of(event);
    } catch (UnreadableEvent e) {
      meters.unreadable();
      LOG.warn("Session fold skipped a record: {}", e.getMessage());
      return List.of();
    }
  }
}
