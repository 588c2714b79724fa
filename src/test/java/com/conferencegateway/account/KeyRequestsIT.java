package com.conferencegateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.KafkaClientProperties;
import com.conferencegateway.kafka.KafkaPublisher;
import com.conferencegateway.kafka.KafkaSettings;
import com.conferencegateway.kafka.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The asking side alone, against a real broker and no key owner: a call that needs a key asks once,
 * however many wait, and gives up after platform.keyWaitMs with an error that names the account; an
 * owner's notice ends the wait at once with the platform's answer.
 */
class KeyRequestsIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final long WAIT_MS = 800;

  private Vertx vertx;
  private KafkaPublisher publisher;
  private KeyRing ring;
  private KeyRequests requests;
  private String topic;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    KafkaSettings settings = new KafkaSettings(KAFKA.bootstrapServers(), Map.of(), Map.of(), Map.of(), Map.of());
    publisher = new KafkaPublisher(vertx, new KafkaProducer<>(
        new HashMap<String, Object>(KafkaClientProperties.producer(settings, "key-requests-it")),
        new StringSerializer(), new ByteArraySerializer()));
    topic = "key-requests-it-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    ring = new KeyRing((id, key) -> "fp-" + key);
    ring.putPermanent("ACC-1", "permanent");
    requests = new KeyRequests(vertx, ring, publisher, topic, "test/1", Clock.systemUTC(), WAIT_MS, 5000,
        new KeyMetrics(new SimpleMeterRegistry()));
  }

  @AfterEach
  void stop() throws Exception {
    publisher.closeProducer().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Runs {@code call} on an event loop, as the command consumer does, and waits for its outcome. */
  private <T> Future<T> onEventLoop(Supplier<Future<T>> call) throws Exception {
    Promise<T> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onComplete(done));
    try {
      done.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // the future says how it ended
    }
    return done.future();
  }

  @Test
  void withNoKeyOwnerTheWaitIsBoundedAndFailsNamingTheAccount() throws Exception {
    long start = System.nanoTime();
    Future<?> first = onEventLoop(() -> Future.join(requests.current("ACC-1"), requests.current("ACC-1")));
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(first.failed()).isTrue();
    assertThat(first.cause()).isInstanceOf(KeyUnavailable.class)
        .hasMessageContaining("ACC-1").hasMessageContaining(WAIT_MS + " ms");
    assertThat(tookMs).as("bounded by the wait, not much past it").isLessThan(WAIT_MS + 10_000);
    List<ConsumerRecord<String, byte[]>> asked = TopicReader.read(KAFKA.bootstrapServers(), topic, 1, Duration.ofSeconds(10));
    assertThat(asked).as("two calls waiting for the same key: one request").hasSize(1);
    assertThat(asked.get(0).key()).isEqualTo("ACC-1");
    KeyMessage.Request request = (KeyMessage.Request) KeyMessage.read(asked.get(0).value());
    assertThat(request.reason()).isEqualTo(KeyMessage.Reason.MISSING);
    assertThat(request.refusedFingerprint()).isNull();
    assertThat(ring.waiting()).as("nothing left waiting").isZero();
  }

  @Test
  void anOwnersNoticeEndsTheWaitWithThePlatformsAnswer() throws Exception {
    ring.learn("ACC-1", new TempKey("k1", Instant.now()));
    Promise<KeyRing.CurrentKey> waiting = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v ->
        requests.newerThan("ACC-1", "fp-k1", KeyMessage.Reason.REFUSED).onComplete(waiting));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ring.waiting() == 1);
    requests.onRecord(new KeyMessage.Unavailable("ACC-1", "fp-k1", "1004", "unknown account", false,
        "getAccountkey answered 1004 unknown account", Instant.now()).toJson().encode().getBytes(StandardCharsets.UTF_8));
    Future<KeyRing.CurrentKey> ended = waiting.future();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(ended::isComplete);
    assertThat(ended.cause()).isInstanceOf(KeyRefused.class).hasMessageContaining("ACC-1").hasMessageContaining("1004");
  }

  @Test
  void anAccountWithoutAPermanentKeyIsUnknownWithoutAsking() throws Exception {
    Future<KeyRing.CurrentKey> f = onEventLoop(() -> requests.current("NOBODY"));
    assertThat(f.cause()).isInstanceOf(UnknownAccount.class);
  }
}
