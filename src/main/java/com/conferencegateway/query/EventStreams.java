package com.conferencegateway.query;

import com.conferencegateway.kafka.TopicTail;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /conferences/{sessionId}/events}: Server-Sent Events of one conference, served by the
 * process that was asked. While any stream is open, this process tails {@code conference.sessions}
 * (read_committed, from the moment the first stream opened); each stream gets the current value first
 * (unless the caller's Last-Event-ID is as new), then every newer version. A comment every
 * {@code keepAliveMs} keeps proxies from closing an idle stream. At most {@code maxStreams} at once.
 * Runs on one event loop (the query verticle's).
 */
public final class EventStreams {
  private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
  private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

  private final Vertx vertx;
  private final ConferenceQueries queries;
  private final Function<Consumer<KafkaConsumerRecord<String, byte[]>>, Future<TopicTail>> tails;
  private final int maxStreams;
  private final long keepAliveMs;
  private final Map<String, List<Stream>> bySession = new HashMap<>();
  private int open;
  private Future<TopicTail> tail;
  private long keepAliveTimer = -1;

  /** One caller's stream: live once its current value has been sent; changes wait until then. */
  private static final class Stream {
    final String sessionId;
    final HttpServerResponse response;
    final List<byte[]> early = new ArrayList<>();
    long lastSent;
    boolean live;

    Stream(String sessionId, HttpServerResponse response, long lastEventId) {
      this.sessionId = sessionId;
      this.response = response;
      this.lastSent = lastEventId;
    }
  }

  /** {@code tails}: starts a tail of conference.sessions from now, records to the given consumer. */
  public EventStreams(Vertx vertx, ConferenceQueries queries,
      Function<Consumer<KafkaConsumerRecord<String, byte[]>>, Future<TopicTail>> tails, int maxStreams, long keepAliveMs) {
    this.vertx = vertx;
    this.queries = queries;
    this.tails = tails;
    this.maxStreams = maxStreams;
    this.keepAliveMs = keepAliveMs;
  }

  /** Streams {@code sessionId} to {@code response}; fails (before anything is written) when over the cap. */
  public Future<Void> open(String sessionId, long lastEventId, HttpServerResponse response) {
    String id;
    try {
      id = SessionIds.check(sessionId);
    } catch (QueryFailure f) {
      return Future.failedFuture(f);
    }
    if (open >= maxStreams) {
      return Future.failedFuture(new QueryFailure.NotReady("this process serves " + maxStreams
          + " event streams already (gateway.queryMaxEventStreams); retry later or ask another process"));
    }
    open++;
    Stream stream = new Stream(id, response, lastEventId);
    bySession.computeIfAbsent(id, k -> new ArrayList<>()).add(stream);
    response.closeHandler(v -> close(stream));
    response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache").putHeader("x-accel-buffering", "no");
    response.write(KEEP_ALIVE);
    if (keepAliveTimer < 0) {
      keepAliveTimer = vertx.setPeriodic(keepAliveMs, t -> keepAlive());
    }
    return tail().compose(t -> queries.one(id, false))
        .map(current -> {
          send(stream, current.getBytes());
          return (Void) null;
        })
        .recover(e -> e instanceof QueryFailure.NotFound ? Future.succeededFuture() : Future.failedFuture(e))
        .onComplete(ar -> {
          if (ar.failed()) {
            LOG.debug("Event stream of {} opened without its current value: {}", id, ar.cause().getMessage());
          }
          stream.live = true;
          stream.early.forEach(value -> send(stream, value));
          stream.early.clear();
        })
        .transform(ar -> Future.succeededFuture());
  }

  /** How many streams are open on this process. */
  public int open() {
    return open;
  }

  private Future<TopicTail> tail() {
    if (tail == null || tail.failed()) {
      tail = tails.apply(this::changed);
    }
    return tail;
  }

  private void changed(KafkaConsumerRecord<String, byte[]> record) {
    List<Stream> streams = bySession.get(record.key());
    if (streams == null || record.value() == null) {
      return;
    }
    for (Stream s : streams) {
      if (s.live) {
        send(s, record.value());
      } else {
        s.early.add(record.value());
      }
    }
  }

  /** Writes {@code value} as an event if it is newer than what the stream has. */
  private static void send(Stream stream, byte[] value) {
    long version = new JsonObject(Buffer.buffer(value)).getLong("version", 0L);
    if (version <= stream.lastSent || stream.response.closed()) {
      return;
    }
    stream.lastSent = version;
    stream.response.write(Buffer.buffer(value.length + 64).appendString("event: conference.session\nid: ")
        .appendString(Long.toString(version)).appendString("\ndata: ").appendBytes(value).appendString("\n\n"));
  }

  private void keepAlive() {
    bySession.values().forEach(streams -> streams.forEach(s -> {
      if (!s.response.closed()) {
        s.response.write(KEEP_ALIVE);
      }
    }));
  }

  private void close(Stream stream) {
    List<Stream> streams = bySession.get(stream.sessionId);
    if (streams != null && streams.remove(stream)) {
      open--;
      if (streams.isEmpty()) {
        bySession.remove(stream.sessionId);
      }
    }
    if (open == 0) {
      stopTail();
    }
  }

  /** Stops the tail and the keep-alive while no stream is open: they cost nothing then. */
  private void stopTail() {
    vertx.cancelTimer(keepAliveTimer);
    keepAliveTimer = -1;
    Future<TopicTail> running = tail;
    tail = null;
    if (running != null) {
      running.onSuccess(TopicTail::close);
    }
  }

  /** At stop: every stream ends. */
  public void closeAll() {
    new ArrayList<>(bySession.values()).forEach(list -> new ArrayList<>(list).forEach(s -> s.response.end()));
    stopTail();
  }
}
