package com.conferencegateway.ingress;

import com.conferencegateway.kafka.CloudEvent;
import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.kafka.OutboundRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The ingress logic, without HTTP: a push body in, an answer out, and the answer "accepted" only
 * once Kafka has acknowledged every record of the push.
 */
public final class PushIngress {
  static final String STATE_SOURCE = "/conference-gateway/platform/status";
  static final String CDR_SOURCE = "/conference-gateway/platform/cdr";

  private final PushParser parser;
  private final KafkaPublisher publisher;
  private final CdrDedup dedup;
  private final String stateTopic;
  private final String cdrTopic;
  private final long publishTimeoutMs;
  private final BooleanSupplier draining;
  private final BooleanSupplier dedupLoaded;
  private final Clock clock;

  public PushIngress(PushParser parser, KafkaPublisher publisher, CdrDedup dedup, String stateTopic,
      String cdrTopic, long publishTimeoutMs, BooleanSupplier draining, BooleanSupplier dedupLoaded, Clock clock) {
    this.parser = parser;
    this.publisher = publisher;
    this.dedup = dedup;
    this.stateTopic = stateTopic;
    this.cdrTopic = cdrTopic;
    this.publishTimeoutMs = publishTimeoutMs;
    this.draining = draining;
    this.dedupLoaded = dedupLoaded;
    this.clock = clock;
  }

  public Future<PushAnswer> status(byte[] body, String traceparent) {
    CallState state;
    try {
      refuseWhenDraining();
      state = parser.parseStatus(body, clock.instant());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    CloudEvent event = new CloudEvent(state.eventId(), STATE_SOURCE, "conference.state", state.receivedAt(),
        state.sessionId(), traceparent);
    OutboundRecord record = new OutboundRecord(stateTopic, state.sessionId(), state.toJsonBytes(),
        event.headers());
    return publisher.publish(record, publishTimeoutMs)
        .recover(PushIngress::notDurable)
        .map(v -> PushAnswer.accepted());
  }

  public Future<PushAnswer> cdrs(byte[] body, String traceparent) {
    CdrBatch batch;
    try {
      refuseWhenDraining();
      batch = parser.parseCdrs(body, clock.instant());
      if (!dedupLoaded.getAsBoolean()) {
        // Answering before the seen-set is rebuilt could accept a CDR twice.
        throw new NotDurable("the gateway is still loading the CDRs it has already accepted; retry shortly", null);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Promise<Void> outcome = Promise.promise();
    CdrDedup.Claim claim = dedup.claim(batch.cdrs(), outcome.future());
    if (claim.allSeen()) {
      outcome.complete();
      return Future.succeededFuture(new PushAnswer(PushCode.DUPLICATE, "already received"));
    }
    Future<Void> published = claim.fresh().isEmpty()
        ? Future.succeededFuture()
        : publisher.publish(records(claim.fresh(), traceparent), publishTimeoutMs);
    published.onComplete(ar -> {
      dedup.settle(claim.fresh(), ar.succeeded());
      outcome.handle(ar);
    });
    Future<Void> others = Future.all(claim.inFlightElsewhere()).mapEmpty();
    return Future.all(published, others)
        .recover(PushIngress::notDurable)
        .map(v -> claim.fresh().isEmpty()
            ? new PushAnswer(PushCode.DUPLICATE, "already received")
            : PushAnswer.accepted());
  }

  private List<OutboundRecord> records(List<Cdr> cdrs, String traceparent) {
    List<OutboundRecord> records = new ArrayList<>(cdrs.size());
    for (Cdr cdr : cdrs) {
      CloudEvent event = new CloudEvent(cdr.detailId(), CDR_SOURCE, "conference.cdr", cdr.receivedAt(),
          cdr.sessionId(), traceparent);
      records.add(new OutboundRecord(cdrTopic, cdr.sessionId(), cdr.toJsonBytes(), event.headers()));
    }
    return records;
  }

  private void refuseWhenDraining() {
    if (draining.getAsBoolean()) {
      throw new NotDurable("the gateway is shutting down; retry against another replica", null);
    }
  }

  private static <T> Future<T> notDurable(Throwable cause) {
    return Future.failedFuture(new NotDurable(
        "Kafka did not acknowledge the push in time; nothing is promised, retry later", cause));
  }
}
