package com.conferencegateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.ingress.DemoPushes;
import com.conferencegateway.kafka.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queries of the fold's store while the fold writes it, from many threads at once: the fold keeps
 * folding and every query is answered. Kafka Streams 4.2's IQv2 key query deadlocked here against the
 * fold's writes (the store's lock and its position's, taken in opposite orders); this holds the fix.
 */
class QueriesUnderLoadIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final int CONFERENCES = 50;

  private static String session(int i) {
    return "6100000000000000000000000000" + String.format("%04d", i);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void queriesFromManyThreadsWhileTheFoldWritesNeitherStallTheFoldNorGoUnanswered() throws Exception {
    Gateway gateway = TestGateways.start(TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(),
        TestGateways.uniquePrefix(), "gateway:\n  servedAppIds: [\"" + DemoPushes.STATUS_APP + "\"]\n")));
    ExecutorService askers = Executors.newFixedThreadPool(8);
    try {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(60)).status()).isEqualTo(200);
      String push = "http://127.0.0.1:" + gateway.pushPort() + "/platform/status";
      String query = "http://127.0.0.1:" + gateway.queryPort() + "/conferences/";
      long ms = 20261129180000000L;
      for (int i = 0; i < CONFERENCES; i++) {
        Http.post(push, state(session(i), "018811000000", ms));
      }
      Awaitility.await().atMost(Duration.ofSeconds(30))
          .until(() -> Http.get(query + session(CONFERENCES - 1)).status() == 200);

      AtomicLong asked = new AtomicLong();
      AtomicLong unanswered = new AtomicLong();
      long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        running.add(askers.submit(() -> {
          while (System.nanoTime() < until) {
            Http.Answer a = Http.get(query + session(ThreadLocalRandom.current().nextInt(CONFERENCES)));
            asked.incrementAndGet();
            if (a.status() != 200) {
              unanswered.incrementAndGet();
            }
          }
          return null;
        }));
      }
      // Meanwhile every conference changes again and again: the fold writes its store all the while.
      int round = 0;
      while (System.nanoTime() < until) {
        round++;
        for (int i = 0; i < CONFERENCES; i++) {
          Http.post(push, state(session(i), "0188110" + String.format("%05d", round), ms + round));
        }
      }
      for (java.util.concurrent.Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      int rounds = round;
      // Every change folded: the last leg of each conference is there, a short while after the last push.
      Awaitility.await("the fold still folding").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
          .until(() -> Http.get(query + session(CONFERENCES - 1)).json().getJsonArray("legs").size() == rounds + 1);
      System.out.printf("queries under load: %d queries from 8 threads over %d rounds of %d changes, %d not 200%n",
          asked.get(), rounds, CONFERENCES, unanswered.get());
      assertThat(asked.get()).isGreaterThan(100);
      assertThat(unanswered.get()).as("queries not answered 200").isZero();
    } finally {
      askers.shutdownNow();
      TestGateways.stop(gateway);
    }
  }

  private static String state(String session, String callee, long stateTime) {
    return DemoPushes.STATUS.replace("60048697352637101321471681503865", session)
        .replace("018811033389 ", callee).replace("20150504141420069", String.valueOf(stateTime));
  }
}
