package com.conferencegateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.account.CallWithdrawn;
import com.conferencegateway.account.StaleKeySuspected;
import com.conferencegateway.platform.OutcomeUnknown;
import com.conferencegateway.platform.PlatformAnswer;
import com.conferencegateway.platform.PlatformBreaker;
import com.conferencegateway.platform.PlatformRejected;
import com.conferencegateway.platform.RetryableFailure;
import com.conferencegateway.support.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The retry policy through its seams: scripted call outcomes, timers run by hand, no Vert.x. */
class PlatformRetriesTest {
  private static final Command CREATE = new Command.CreateConference("c-1", "ACC", "1380", List.of("1390"), "u");
  private static final Command ADD = new Command.AddParticipants("c-2", "s-1", List.of("1390"));
  private final List<Long> delays = new ArrayList<>();
  private final Deque<Runnable> due = new ArrayDeque<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PlatformBreaker breaker = new PlatformBreaker(100, 1000, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  private final PlatformRetries retries = new PlatformRetries(breaker, (ms, task) -> {
    delays.add(ms);
    due.add(task);
  }, new Backoff(100, 1000), 4, Set.of("conference.add"), new CommandMetrics(registry));

  /** Answers the calls in order with {@code outcomes}; a Throwable fails the call. */
  private static Supplier<Future<String>> script(List<Object> outcomes, List<Integer> calls) {
    Deque<Object> left = new ArrayDeque<>(outcomes);
    return () -> {
      calls.add(1);
      Object next = left.removeFirst();
      return next instanceof Throwable t ? Future.failedFuture(t) : Future.succeededFuture((String) next);
    };
  }

  private <T> Future<T> runToEnd(Future<T> f) {
    while (!f.isComplete() && !due.isEmpty()) {
      due.removeFirst().run();
    }
    return f;
  }

  private static OutcomeUnknown unknown(String call) {
    return new OutcomeUnknown(call, call + ": HTTP 500", 0, null);
  }

  @Test
  void aFailureThePlatformCertainlyDidNotActOnIsRetriedForAnUnsafeTypeWithRetryAfterHonoured() {
    List<Integer> calls = new ArrayList<>();
    Future<String> f = runToEnd(retries.run(script(List.of(new RetryableFailure("503", 2500, null), "ok"), calls),
        new Attempts(CREATE, null)));
    assertThat(f.result()).isEqualTo("ok");
    assertThat(calls).hasSize(2);
    assertThat(delays).containsExactly(2500L);
  }

  private static StaleKeySuspected staleKey() {
    return new StaleKeySuspected("createConference", "ACC",
        new PlatformAnswer("1001", "sign does not match", new io.vertx.core.json.JsonObject()));
  }

  @Test
  void aCreateRefusedForItsKeyIsSentAgainAtOnceAndEverySendCountsAsAnAttempt() {
    List<Integer> calls = new ArrayList<>();
    Attempts attempts = new Attempts(CREATE, null);
    Future<String> f = runToEnd(retries.run(script(List.of(staleKey(), "ok"), calls), attempts));
    assertThat(f.result()).isEqualTo("ok");
    assertThat(calls).hasSize(2);
    assertThat(attempts.get()).isEqualTo(2);
    assertThat(delays).as("no backoff: the next attempt waits for a newer key instead").isEmpty();
  }

  @Test
  void aCallRefusedForItsKeyIsSentNoMoreThanMaxAttemptsTimesAndEndsWithTheRefusal() {
    List<Integer> calls = new ArrayList<>();
    Future<String> f = runToEnd(retries.run(script(List.of(staleKey(), staleKey(), staleKey(), staleKey(), "ok"),
        calls), new Attempts(CREATE, null)));
    assertThat(f.cause()).isInstanceOf(StaleKeySuspected.class);
    assertThat(calls).hasSize(4);
  }

  @Test
  void aCallWithdrawnWhileWaitingForAKeyIsHandedOverNotRetried() {
    List<Integer> calls = new ArrayList<>();
    Future<String> f = runToEnd(retries.run(script(List.of(new CallWithdrawn("createConference"), "ok"), calls),
        new Attempts(CREATE, null)));
    assertThat(f.cause()).isInstanceOf(HandedOver.class);
    assertThat(calls).hasSize(1);
  }

  @Test
  void anUnknownOutcomeOfACreatesOwnCallIsNeverRepeated() {
    List<Integer> calls = new ArrayList<>();
    Attempts attempts = new Attempts(CREATE, null);
    Future<String> f = runToEnd(retries.run(script(List.of(unknown("createConference"), "ok"), calls), attempts));
    assertThat(f.cause()).isInstanceOf(OutcomeUnknown.class);
    assertThat(calls).hasSize(1);
    assertThat(attempts.get()).isEqualTo(1);
    assertThat(registry.get("gateway.platform.outcome.unknown").counter().count()).isEqualTo(1);
  }

  @Test
  void anUnknownOutcomeOfAKeyFetchOnTheWayToACreateIsRepeated() {
    List<Integer> calls = new ArrayList<>();
    Future<String> f = runToEnd(retries.run(script(List.of(unknown("getAccountkey"), "ok"), calls),
        new Attempts(CREATE, null)));
    assertThat(f.result()).isEqualTo("ok");
    assertThat(calls).hasSize(2);
  }

  @Test
  void anUnknownOutcomeOfARepeatableTypeIsRetriedUntilTheAttemptsRunOut() {
    List<Integer> calls = new ArrayList<>();
    List<Object> outcomes = List.of(unknown("conferenceAdd"), unknown("conferenceAdd"), unknown("conferenceAdd"),
        unknown("conferenceAdd"));
    Future<String> f = runToEnd(retries.run(script(outcomes, calls), new Attempts(ADD, null)));
    assertThat(f.cause()).isInstanceOf(PlatformRetries.RetriesExhausted.class);
    assertThat(calls).hasSize(4);
    assertThat(delays).hasSize(3).allSatisfy(d -> assertThat(d).isBetween(50L, 1000L));
  }

  @Test
  void aRefusalIsNotRetriedAndDoesNotCountForTheBreaker() {
    PlatformBreaker strict = new PlatformBreaker(1, 60_000, Clock.systemUTC());
    PlatformRetries r = new PlatformRetries(strict, (ms, task) -> due.add(task), new Backoff(100, 1000), 4, Set.of(),
        new CommandMetrics(registry));
    List<Integer> calls = new ArrayList<>();
    Future<String> f = runToEnd(r.run(script(List.of(new PlatformRejected("400", 400)), calls), new Attempts(ADD, null)));
    assertThat(f.cause()).isInstanceOf(PlatformRejected.class);
    assertThat(calls).hasSize(1);
    assertThat(strict.state()).isEqualTo(PlatformBreaker.State.CLOSED);
  }

  @Test
  void bothKindsOfFailureOpenTheBreaker() {
    PlatformBreaker strict = new PlatformBreaker(2, 60_000, Clock.systemUTC());
    PlatformRetries r = new PlatformRetries(strict, (ms, task) -> due.add(task), new Backoff(100, 1000), 4, Set.of(),
        new CommandMetrics(registry));
    runToEnd(r.run(script(List.of(unknown("createConference")), new ArrayList<>()), new Attempts(CREATE, null)));
    assertThat(strict.state()).isEqualTo(PlatformBreaker.State.CLOSED);
    // The first attempt runs at once; its retry waits on a timer that is never run here.
    r.run(script(List.of(new RetryableFailure("503", 0, null)), new ArrayList<>()), new Attempts(CREATE, null));
    assertThat(strict.state()).isEqualTo(PlatformBreaker.State.OPEN);
  }

  @Test
  void noAttemptIsMadeOnceTheCommandsPartitionWasHandedOver() {
    List<Integer> calls = new ArrayList<>();
    boolean[] ours = {true};
    Attempts attempts = new Attempts(CREATE, null, () -> ours[0]);
    Future<String> f = retries.run(script(List.of(new RetryableFailure("503", 0, null), "ok"), calls), attempts);
    assertThat(calls).hasSize(1);
    ours[0] = false; // handed over while the retry waits for its timer
    runToEnd(f);
    assertThat(f.cause()).isInstanceOf(HandedOver.class);
    assertThat(calls).as("the create is not sent again from here").hasSize(1);
  }
}
