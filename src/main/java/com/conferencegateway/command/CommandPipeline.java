package com.conferencegateway.command;

import com.conferencegateway.platform.PlatformBreaker;
import com.conferencegateway.support.Timers;
import com.conferencegateway.tracing.Traceparent;
import com.conferencegateway.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From consumed record to published result: commands with the same key one after another, other
 * keys concurrently, at most {@code maxInFlight} at once (then consumption pauses, as it does while
 * the platform's breaker is open); each commandId carried out once; offsets committable only up to
 * the first command whose result is not yet published. Runs on the consumer's event loop.
 */
public final class CommandPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(CommandPipeline.class);
  // Results waiting for Kafka: retried from 200 ms up to every 10 s, as long as it takes.

  /** Pauses and resumes the consumer. */
  public interface Flow {
    void pause();

    void resume();
  }

  private final CommandParser parser;
  private final Execution executor;
  private final Output output;
  private final DoneCommands done;
  private final PlatformBreaker breaker;
  private final Flow flow;
  private final UntilPublished untilPublished;
  private final Clock clock;
  private final InFlightLimit limit;
  private final Tracing tracing;
  private final PartitionProgress progress = new PartitionProgress();
  private final Map<String, Future<Void>> lastPerKey = new HashMap<>();
  // Bumped when a partition is released: a command taken before then is no longer ours to carry out.
  private final Map<TopicPartition, Integer> generation = new HashMap<>();
  private int inFlight;
  private boolean paused;
  private boolean stopping;
  private Promise<Void> drained;

  /** Carries a command out against the platform: {@link CommandExecutor}. */
  public interface Execution {
    /** {@code stillOurs} turns false when the command's partition is handed over (see {@link HandedOver}). */
    Future<CommandResult> execute(Command command, String traceparent, BooleanSupplier stillOurs);
  }

  /** Where results and dead letters go: {@link CommandOutput}. */
  public interface Output {
    Future<Void> result(String key, JsonObject result, String traceparent);

    /** {@code traceparent}: the command's trace, carried by the dead letter even when the command had none. */
    Future<Void> deadLetter(KafkaConsumerRecord<String, byte[]> record, String errorCode, String errorMessage,
        String traceparent);
  }

  /** {@code tracing}: a span per command when spans are exported; a traceparent for every command either way. */
  public CommandPipeline(CommandParser parser, Execution executor, Output output, DoneCommands done,
      PlatformBreaker breaker, Flow flow, Timers timers, Clock clock, int maxInFlight, Tracing tracing) {
    this.parser = parser;
    this.executor = executor;
    this.output = output;
    this.done = done;
    this.breaker = breaker;
    this.flow = flow;
    this.untilPublished = new UntilPublished(timers, () -> stopping && drained != null);
    this.clock = clock;
    this.limit = new InFlightLimit(maxInFlight);
    this.tracing = tracing;
  }

  public void accept(KafkaConsumerRecord<String, byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    if (progress.handingOver(tp)) {
      return; // fetched before the partition was revoked: its new owner reads it from the committed offset
    }
    progress.received(tp, record.offset());
    inFlight++;
    adjustFlow();
    String key = record.key() == null ? "" : record.key();
    Future<Void> previous = lastPerKey.getOrDefault(key, Future.succeededFuture());
    int taken = generation.getOrDefault(tp, 0);
    BooleanSupplier stillOurs = () -> generation.getOrDefault(tp, 0) == taken;
    Future<Void> mine = previous.eventually(() -> process(record, stillOurs));
    lastPerKey.put(key, mine);
    mine.onComplete(ar -> {
      if (lastPerKey.get(key) == mine) {
        lastPerKey.remove(key);
      }
      progress.done(tp, record.offset());
      inFlight--;
      adjustFlow();
      if (drained != null && inFlight == 0) {
        drained.tryComplete();
      }
    });
  }

  /**
   * A rebalance takes {@code partitions} away: no new command of theirs starts, and the future
   * completes when the ones in flight are done and their results published, so that their offsets
   * can be committed before the new owner reads them. Other partitions go on meanwhile.
   */
  public Future<Map<TopicPartition, Long>> revoke(Set<TopicPartition> partitions) {
    return progress.handOver(partitions).transform(ar -> Future.succeededFuture(committableOf(partitions)));
  }

  /** Offsets of revoked partitions still to commit: what is done so far, never past a command still running. */
  public Map<TopicPartition, Long> committableOf(Set<TopicPartition> partitions) {
    Map<TopicPartition, Long> offsets = new HashMap<>(progress.toCommit());
    offsets.keySet().retainAll(partitions);
    return offsets;
  }

  /** The partitions are gone (handed over, or lost): their progress is forgotten. */
  public void released(Set<TopicPartition> partitions) {
    partitions.forEach(tp -> {
      progress.forget(tp);
      generation.merge(tp, 1, Integer::sum);
    });
  }

  /** Newly assigned partitions: a partition that comes back after a revocation is ours again. */
  public void assigned(Set<TopicPartition> partitions) {
    partitions.forEach(progress::assigned);
  }

  /** Pauses or resumes the consumer: full, or the platform's breaker open, or stopping, means paused. */
  public void adjustFlow() {
    boolean shouldPause = stopping || limit.full(inFlight) || breaker.state() == PlatformBreaker.State.OPEN;
    if (shouldPause && !paused) {
      paused = true;
      flow.pause();
    } else if (!shouldPause && paused && limit.roomAgain(inFlight)) {
      paused = false;
      flow.resume();
    }
  }

  public Map<TopicPartition, Long> committable() {
    return progress.toCommit();
  }

  public void committed(Map<TopicPartition, Long> offsets) {
    progress.committed(offsets);
  }

  public int inFlight() {
    return inFlight;
  }

  /** Stops taking new commands; completes when those in flight are done. */
  public Future<Void> drain() {
    stopping = true;
    adjustFlow();
    drained = Promise.promise();
    if (inFlight == 0) {
      drained.complete();
    }
    return drained.future();
  }

  private Future<Void> process(KafkaConsumerRecord<String, byte[]> record, BooleanSupplier stillOurs) {
    Header traceHeader = record.record().headers().lastHeader("traceparent");
    String header = traceHeader == null ? null : new String(traceHeader.value(), StandardCharsets.UTF_8);
    Command command;
    try {
      command = parser.parse(record.value());
    } catch (InvalidCommand invalid) {
      return reject(record, invalid, Traceparent.orNew(header));
    }
    // The command's trace: its record's, or a new one; its platform calls and its result carry it.
    Tracing.CommandSpan span = tracing.command(record.topic(), command.type(), command.commandId(), header);
    String traceparent = span.traceparent();
    JsonObject earlier = done.resultOf(command.commandId());
    if (earlier != null) {
      CommandLog.line(command.commandId(), command.sessionId(), traceparent,
          "Command {} delivered again: its result is published again, "
          + "the platform is not called", command.commandId());
      return publish(record.key(), earlier, traceparent).onComplete(ar -> span.end("redelivered", null));
    }
    return executor.execute(command, traceparent, stillOurs).compose(result -> {
      JsonObject json = result.toJson();
      done.record(json);
      CommandLog.outcome(command, result, traceparent);
      Future<Void> published;
      if (CommandExecutor.OUTCOME_UNKNOWN.equals(result.errorCode())) {
        // Perhaps carried out, perhaps not, and not repeated: the DLQ copy is what an operator reconciles.
        published = untilPublished.publish(() -> output.deadLetter(record, result.errorCode(), result.errorMessage(),
            traceparent)).compose(v -> publish(record.key(), json, traceparent));
      } else {
        published = publish(record.key(), json, traceparent);
      }
      return published.onComplete(ar -> span.end(result.status(), result.errorCode()));
    }).recover(e -> {
      span.end("not-done-here", e instanceof HandedOver ? "HANDED_OVER" : e.getClass().getSimpleName());
      if (e instanceof HandedOver) {
        CommandLog.line(command.commandId(), command.sessionId(), traceparent,
            "Command {} not carried out here: its partition was handed over first", command.commandId());
        return Future.succeededFuture();
      }
      return Future.failedFuture(e);
    });
  }

  private Future<Void> reject(KafkaConsumerRecord<String, byte[]> record, InvalidCommand invalid, String traceparent) {
    CommandLog.line(invalid.commandId(), null, traceparent, "Command at {}-{}@{} rejected: {} {}", record.topic(), record.partition(),
        record.offset(), invalid.code(), invalid.getMessage());
    Future<Void> dlq = untilPublished.publish(() -> output.deadLetter(record, invalid.code(), invalid.getMessage(),
        traceparent));
    if (invalid.commandId() == null) {
      return dlq;
    }
    CommandResult rejected = new CommandResult(invalid.commandId(), invalid.type() == null ? "" : invalid.type(),
        CommandResult.REJECTED, null, null, null, null, null, 0, clock.instant(), invalid.code(), invalid.getMessage());
    JsonObject json = rejected.toJson();
    done.record(json);
    return dlq.compose(v -> publish(record.key(), json, traceparent));
  }

  private Future<Void> publish(String key, JsonObject result, String traceparent) {
    return untilPublished.publish(() -> output.result(key, result, traceparent));
  }
}
