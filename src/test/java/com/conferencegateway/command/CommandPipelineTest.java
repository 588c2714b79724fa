package com.conferencegateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.platform.PlatformBreaker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.impl.KafkaConsumerRecordImpl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The pipeline through its seams: an execution whose outcomes the test completes by hand, an output
 * that records what it was given, timers that never fire. No Vert.x, no Kafka.
 */
class CommandPipelineTest {
  private static final String TOPIC = "conference.command";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

  /** Each command's outcome waits until the test completes it. */
  private final Map<String, Promise<CommandResult>> running = new LinkedHashMap<>();
  private final List<String> started = new ArrayList<>();
  private final Map<String, java.util.function.BooleanSupplier> ours = new LinkedHashMap<>();
  private final List<String> results = new ArrayList<>();
  private final List<String> deadLetters = new ArrayList<>();
  private final Deque<Boolean> flow = new ArrayDeque<>();
  private final PlatformBreaker breaker = new PlatformBreaker(5, 1000, CLOCK);

  private final CommandPipeline pipeline = new CommandPipeline(new CommandParser(),
      (command, traceparent, stillOurs) -> {
        started.add(command.commandId());
        ours.put(command.commandId(), stillOurs);
        Promise<CommandResult> p = Promise.promise();
        running.put(command.commandId(), p);
        return p.future();
      },
      new CommandPipeline.Output() {
        @Override
        public Future<Void> result(String key, JsonObject result, String traceparent) {
          results.add(result.getString("commandId") + ":" + result.getString("status")
              + (result.containsKey("error") ? ":" + result.getJsonObject("error").getString("code") : ""));
          return Future.succeededFuture();
        }

        @Override
        public Future<Void> deadLetter(KafkaConsumerRecord<String, byte[]> record, String code, String message,
            String traceparent) {
          deadLetters.add(record.key() + ":" + code);
          return Future.succeededFuture();
        }
      },
      new DoneCommands(100), breaker,
      new CommandPipeline.Flow() {
        @Override
        public void pause() {
          flow.add(false);
        }

        @Override
        public void resume() {
          flow.add(true);
        }
      },
      (ms, task) -> { }, CLOCK, 4, com.conferencegateway.tracing.Tracing.off());

  private static KafkaConsumerRecord<String, byte[]> record(int partition, long offset, String key, String json) {
    return new KafkaConsumerRecordImpl<>(new ConsumerRecord<>(TOPIC, partition, offset, key,
        json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String end(String id, String session) {
    return new JsonObject().put("commandId", id).put("type", "conference.end").put("sessionId", session).encode();
  }

  private void succeed(String id) {
    running.remove(id).complete(new CommandResult(id, "conference.end", CommandResult.SUCCEEDED, "0", "success",
        "s", null, null, 1, CLOCK.instant(), null, null));
  }

  @Test
  void commandsOfOneKeyRunOneAfterAnotherAndOtherKeysAtTheSameTime() {
    pipeline.accept(record(0, 0, "s1", end("a1", "s1")));
    pipeline.accept(record(0, 1, "s1", end("a2", "s1")));
    pipeline.accept(record(1, 0, "s2", end("b1", "s2")));
    assertThat(started).containsExactly("a1", "b1");
    succeed("a1");
    assertThat(started).containsExactly("a1", "b1", "a2");
    assertThat(results).containsExactly("a1:succeeded");
  }

  @Test
  void theCommitNeverPassesACommandStillRunningOnItsPartition() {
    TopicPartition p0 = new TopicPartition(TOPIC, 0);
    pipeline.accept(record(0, 10, "s1", end("a1", "s1")));
    pipeline.accept(record(0, 11, "s2", end("b1", "s2")));
    succeed("b1");
    assertThat(pipeline.committable()).containsEntry(p0, 10L);
    succeed("a1");
    assertThat(pipeline.committable()).containsEntry(p0, 12L);
  }

  @Test
  void aCommandDeliveredAgainGetsItsRecordedResultWithoutRunningAgain() {
    pipeline.accept(record(0, 0, "s1", end("a1", "s1")));
    succeed("a1");
    pipeline.accept(record(0, 1, "s1", end("a1", "s1")));
    assertThat(started).containsExactly("a1");
    assertThat(results).containsExactly("a1:succeeded", "a1:succeeded");
  }

  @Test
  void anUnknownOutcomeGoesToTheDeadLetterTopicAsWellAsToTheResults() {
    pipeline.accept(record(0, 0, "c1", new JsonObject().put("commandId", "c1").put("type", "conference.create")
        .put("accountId", "A").put("caller", "1380").put("phones", new io.vertx.core.json.JsonArray().add("1390"))
        .put("userId", "u").encode()));
    running.remove("c1").complete(new CommandResult("c1", "conference.create", CommandResult.FAILED, null, null, null,
        null, null, 1, CLOCK.instant(), CommandExecutor.OUTCOME_UNKNOWN, "sent, then no answer"));
    assertThat(deadLetters).containsExactly("c1:OUTCOME_UNKNOWN");
    assertThat(results).containsExactly("c1:failed:OUTCOME_UNKNOWN");
  }

  @Test
  void anInvalidCommandIsRejectedToTheDeadLetterTopicAndTheNextOneRuns() {
    pipeline.accept(record(0, 0, "x", "{not json"));
    pipeline.accept(record(0, 1, "x", end("a1", "s1")));
    assertThat(deadLetters).containsExactly("x:NOT_JSON");
    assertThat(started).containsExactly("a1");
    assertThat(pipeline.committable()).containsEntry(new TopicPartition(TOPIC, 0), 1L);
  }

  @Test
  void consumptionPausesAtTheInFlightLimitAndResumesAtHalf() {
    for (int i = 0; i < 4; i++) {
      pipeline.accept(record(0, i, "k" + i, end("c" + i, "k" + i)));
    }
    assertThat(flow).containsExactly(false);
    succeed("c0");
    assertThat(flow).containsExactly(false);
    succeed("c1");
    assertThat(flow).containsExactly(false, true);
  }

  @Test
  void aRevokedPartitionIsHandedOverWhenItsCommandsAreDoneWhileOthersGoOn() {
    TopicPartition moving = new TopicPartition(TOPIC, 0);
    pipeline.accept(record(0, 5, "s1", end("a1", "s1")));
    pipeline.accept(record(1, 7, "s2", end("b1", "s2")));
    Future<Map<TopicPartition, Long>> handOver = pipeline.revoke(Set.of(moving));
    pipeline.accept(record(0, 6, "s3", end("late", "s3")));
    assertThat(started).as("nothing new starts on a revoked partition").containsExactly("a1", "b1");
    assertThat(handOver.isComplete()).isFalse();
    succeed("a1");
    assertThat(handOver.result()).containsExactly(Map.entry(moving, 6L));
    assertThat(running).containsOnlyKeys("b1");
  }

  @Test
  void aCommandStillRunningWhenItsPartitionIsReleasedIsNoLongerOursAndPublishesNothing() {
    TopicPartition moving = new TopicPartition(TOPIC, 0);
    pipeline.accept(record(0, 5, "s1", end("a1", "s1")));
    pipeline.accept(record(1, 7, "s2", end("b1", "s2")));
    pipeline.revoke(Set.of(moving)); // the drain times out with a1 still running, and the partition goes
    assertThat(ours.get("a1").getAsBoolean()).as("during the drain a1 may still finish here").isTrue();
    pipeline.released(Set.of(moving));
    assertThat(ours.get("a1").getAsBoolean()).as("after the hand-over a1 is its new owner's").isFalse();
    assertThat(ours.get("b1").getAsBoolean()).isTrue();
    pipeline.assigned(Set.of(moving)); // the partition comes back: a1 was still taken before, so not ours
    assertThat(ours.get("a1").getAsBoolean()).isFalse();
    running.remove("a1").fail(new HandedOver(new Command.EndConference("a1", "s1")));
    assertThat(results).as("no result for a command handed over").isEmpty();
    assertThat(pipeline.inFlight()).isEqualTo(1);
  }
}
