package com.conferencegateway.query;

import com.conferencegateway.session.LocalSessions;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The query API's answers. A conference is read from the process that folds its partition: here, or
 * through one forwarded request to its owner (to a standby while the owner is being replaced). A list
 * asks every folding process for its next page and merges them by session id; it is answered only when
 * together they covered every partition. A forwarded request is answered from this process's own state
 * or not at all (one hop). Store reads, and the reading and merging of pages, run on a worker.
 */
public final class ConferenceQueries {
  /** Runs blocking work off the event loop: Vert.x's executeBlocking in the gateway. */
  @FunctionalInterface
  public interface Worker {
    <T> Future<T> run(Callable<T> work);
  }

  private final LocalSessions local;
  private final Peers peers;
  private final Credentials credentials;
  private final Worker worker;
  private final Supplier<HostInfo> self;
  private final IntSupplier partitions;

  /** {@code self}: this process's query endpoint as the others know it; {@code partitions}: the store's partition count. */
  public ConferenceQueries(LocalSessions local, Peers peers, Credentials credentials, Worker worker,
      Supplier<HostInfo> self, IntSupplier partitions) {
    this.local = local;
    this.peers = peers;
    this.credentials = credentials;
    this.worker = worker;
    this.self = self;
    this.partitions = partitions;
  }

  /** {@code GET /conferences/{sessionId}}: the conference's {@code conference.sessions} value. */
  public Future<Buffer> one(String sessionId, boolean forwarded) {
    String id;
    try {
      id = SessionIds.check(sessionId);
    } catch (QueryFailure f) {
      return Future.failedFuture(f);
    }
    LocalSessions.Owners owners = local.owners(id);
    if (owners == null) {
      return Future.failedFuture(new QueryFailure.NotReady("the session fold is starting or moving partitions"));
    }
    if (forwarded) {
      return fromHere(id, owners.partition(), true);
    }
    List<HostInfo> candidates = new ArrayList<>();
    candidates.add(owners.active());
    candidates.addAll(owners.standbys());
    return fromFirst(id, owners.partition(), candidates, 0);
  }

  /** The first of {@code hosts} that answers: the owner, then its standbys. */
  private Future<Buffer> fromFirst(String id, int partition, List<HostInfo> hosts, int index) {
    if (index >= hosts.size()) {
      return Future.failedFuture(new QueryFailure.NotReady("no process holding partition " + partition
          + " of the session view answers: its owner is being replaced"));
    }
    HostInfo host = hosts.get(index);
    Future<Buffer> tried = host.equals(self.get())
        ? fromHere(id, partition, index > 0)
        : peers.get(host, "/conferences/" + id).compose(answer -> switch (answer.status()) {
          case 200 -> Future.succeededFuture(answer.body());
          case 404 -> Future.failedFuture(new QueryFailure.NotFound(id));
          default -> Future.failedFuture(new QueryFailure.NotReady(host + " answered " + answer.status()));
        });
    return tried.recover(e -> e instanceof QueryFailure.NotFound || e instanceof QueryFailure.Invalid
        ? Future.failedFuture(e)
        : fromFirst(id, partition, hosts, index + 1));
  }

  private Future<Buffer> fromHere(String id, int partition, boolean standbyToo) {
    return worker.run(() -> local.get(id, partition, standbyToo)).compose(lookup -> {
      if (lookup instanceof LocalSessions.Found found) {
        return Future.succeededFuture(Buffer.buffer(found.json()));
      }
      if (lookup instanceof LocalSessions.Absent) {
        return Future.failedFuture(new QueryFailure.NotFound(id));
      }
      if (lookup instanceof LocalSessions.NotReady notReady) {
        return Future.failedFuture(new QueryFailure.NotReady(notReady.why()));
      }
      return Future.failedFuture(new QueryFailure.NotReady("partition " + partition + " is not held here (any more)"));
    });
  }

  /** {@code GET /conferences}: a page, and the cursor of the next one (null on the last). */
  public Future<Buffer> list(ListRequest request, boolean forwarded) {
    if (forwarded) {
      return localPage(request).map(ConferenceQueries::pageJson);
    }
    Collection<HostInfo> folders = local.folders();
    if (folders.isEmpty()) {
      return Future.failedFuture(new QueryFailure.NotReady("the session fold is starting or moving partitions"));
    }
    // One more than asked from each: whether a next page exists.
    ListRequest each = new ListRequest(request.status(), request.accountId(), request.limit() + 1, request.after());
    List<Future<LocalSessions.Page>> pages = folders.stream()
        .map(host -> host.equals(self.get()) ? localPage(each) : remotePage(host, each)).toList();
    // Merging a thousand conferences from each process is work for a worker, not for the event loop.
    return Future.all(pages).recover(e -> Future.failedFuture(new QueryFailure.NotReady(
            "a process folding the session view did not answer: " + e.getMessage())))
        .compose(all -> worker.run(() -> merge(pages.stream().map(Future::result).toList(), request)));
  }

  private Future<LocalSessions.Page> localPage(ListRequest r) {
    return worker.run(() -> local.page(r.after(), r.status(), r.accountId(), r.limit(), partitions.getAsInt()));
  }

  private Future<LocalSessions.Page> remotePage(HostInfo host, ListRequest r) {
    StringBuilder uri = new StringBuilder("/conferences?limit=").append(r.limit());
    if (r.status() != null) {
      uri.append("&status=").append(r.status().wire());
    }
    if (r.accountId() != null) {
      uri.append("&accountId=").append(URLEncoder.encode(r.accountId(), StandardCharsets.UTF_8));
    }
    if (r.after() != null) {
      uri.append("&after=").append(URLEncoder.encode(r.after(), StandardCharsets.UTF_8));
    }
    return peers.get(host, uri.toString()).compose(answer -> answer.status() == 200
        ? worker.run(() -> readPage(answer.body()))
        : Future.failedFuture(new QueryFailure.NotReady(host + " answered " + answer.status())));
  }

  private Buffer merge(List<LocalSessions.Page> pages, ListRequest request) {
    Set<Integer> covered = new HashSet<>();
    TreeMap<String, byte[]> merged = new TreeMap<>(LocalSessions.STORE_ORDER);
    for (LocalSessions.Page page : pages) {
      covered.addAll(page.partitions());
      page.entries().forEach(e -> merged.putIfAbsent(e.sessionId(), e.json()));
    }
    int all = partitions.getAsInt();
    if (covered.size() < all) {
      throw new QueryFailure.NotReady("partitions of the session view are moving between processes ("
          + covered.size() + " of " + all + " answered)");
    }
    List<byte[]> page = new ArrayList<>();
    String last = null;
    for (var entry : merged.entrySet()) {
      if (page.size() == request.limit()) {
        break;
      }
      page.add(entry.getValue());
      last = entry.getKey();
    }
    String next = merged.size() > request.limit()
        ? ListCursor.encode(credentials, last, request.status(), request.accountId())
        : null;
    Buffer body = Buffer.buffer(64 + page.size() * 600).appendString("{\"conferences\":[");
    for (int i = 0; i < page.size(); i++) {
      if (i > 0) {
        body.appendByte((byte) ',');
      }
      body.appendBytes(page.get(i));
    }
    return body.appendString("],\"next\":").appendString(next == null ? "null" : "\"" + next + "\"").appendString("}");
  }

  /** A page between processes: the conferences, and the partitions they were read from. */
  private static Buffer pageJson(LocalSessions.Page page) {
    Buffer body = Buffer.buffer().appendString("{\"partitions\":")
        .appendString(new JsonArray(new ArrayList<>(page.partitions())).encode()).appendString(",\"conferences\":[");
    for (int i = 0; i < page.entries().size(); i++) {
      if (i > 0) {
        body.appendByte((byte) ',');
      }
      body.appendBytes(page.entries().get(i).json());
    }
    return body.appendString("]}");
  }

  private static LocalSessions.Page readPage(Buffer body) {
    JsonObject json = body.toJsonObject();
    Set<Integer> partitions = new HashSet<>();
    json.getJsonArray("partitions").forEach(p -> partitions.add(((Number) p).intValue()));
    List<LocalSessions.Entry> entries = new ArrayList<>();
    for (Object o : json.getJsonArray("conferences")) {
      JsonObject conference = (JsonObject) o;
      entries.add(new LocalSessions.Entry(conference.getString("sessionId"), conference.toBuffer().getBytes()));
    }
    return new LocalSessions.Page(entries, partitions);
  }
}
