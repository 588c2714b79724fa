package com.conferencegateway.session;

import com.conferencegateway.kafka.CloudEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The aggregate of the session table: reads a conference's state from the store, folds the event in,
 * and only when something changed writes the store and forwards the new value with its CloudEvents
 * headers. The same as a DSL {@code aggregate}, except that an unchanged conference is not written
 * (so {@code version} numbers every published change, none skipped, none repeated) and that
 * conferences idle for longer than the retention leave the store.
 */
final class SessionFoldProcessor implements Processor<String, SessionEvent, String, byte[]> {
  static final String SOURCE = "/conference-gateway/sessions";
  static final String TYPE = "conference.session";

  private final SessionFolder folder;
  private final Clock clock;
  private final Duration retention;
  private final Duration purgeEvery;
  private final SessionMeters meters;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, FoldedSession> store;

  SessionFoldProcessor(SessionFolder folder, Clock clock, Duration retention, Duration purgeEvery,
      SessionMeters meters) {
    this.folder = folder;
    this.clock = clock;
    this.retention = retention;
    this.purgeEvery = purgeEvery;
    this.meters = meters;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.store = context.getStateStore(SessionTopology.STORE);
    context.schedule(purgeEvery, PunctuationType.WALL_CLOCK_TIME, now -> purge());
  }

  @Override
  public void process(Record<String, SessionEvent> record) {
    String sessionId = record.value().sessionId();
    FoldedSession next = folder.apply(store.get(sessionId), record.value());
    if (next == null) {
      meters.unchanged();
      return;
    }
    store.put(sessionId, next);
    meters.folded();
    ConferenceSession view = next.view();
    CloudEvent event = new CloudEvent(sessionId + ":" + view.version(), SOURCE, TYPE, clock.instant(), sessionId, null);
    context.forward(new Record<>(sessionId, SessionJson.toBytes(view), record.timestamp(),
        new RecordHeaders(event.headers())));
  }

  /** Conferences not changed for longer than the retention leave the store (the topic keeps their last value). */
  private void purge() {
    Instant cutoff = clock.instant().minus(retention);
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, FoldedSession> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, FoldedSession> entry = all.next();
        if (Instant.parse(entry.value.view().updatedAt()).isBefore(cutoff)) {
          expired.add(entry.key);
        }
      }
    }
    expired.forEach(store::delete);
    meters.purged(expired.size());
  }
}
