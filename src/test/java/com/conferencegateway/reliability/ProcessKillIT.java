package com.conferencegateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.GatewayProcess;
import com.conferencegateway.TestGateways;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway jar as a separate process under push load, stopped by SIGTERM (graceful) or SIGKILL
 * (nothing finishes): every push it answered "accepted" is in Kafka; what it did not answer is
 * sent again, as the platform does, and taken after a restart; no CDR is published twice.
 */
@Tag("reliability")
class ProcessKillIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();

  private record Run(String prefix, int push, int management, Map<String, String> env) {
    String url() {
      return "http://127.0.0.1:" + push;
    }
  }

  private static Run run() {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
    env.put("GATEWAY_SECRET_KEY", TestGateways.SECRET_KEY);
    return new Run(TestGateways.uniquePrefix(), KafkaBroker.freePort(), KafkaBroker.freePort(), env);
  }

  @Test
  void sigkillUnderLoadLosesNoAcceptedPushAndTheRetriedOnesAreTakenOnceAfterARestart(@TempDir Path dir)
      throws Exception {
    Run r = run();
    PushLoad load = new PushLoad();
    try (GatewayProcess first = new GatewayProcess(dir, yamlOf(r), r.env(), r.push(), r.management())) {
      first.awaitReady(Duration.ofSeconds(60));
      load.start(r.url(), 8);
      // Under load: a few hundred pushes answered before the signal, whatever the machine's speed.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.status.size() + load.cdrs.size() >= 300);
      first.kill();
      load.stop();
    }
    Set<String> acceptedStatus = PushLoad.with(load.status, PushLoad.Outcome.ACCEPTED);
    Set<String> acceptedCdrs = PushLoad.with(load.cdrs, PushLoad.Outcome.ACCEPTED);
    assertThat(acceptedStatus).as("the load ran").hasSizeGreaterThan(50);
    System.out.printf("SIGKILL: %d status and %d CDR pushes accepted, %d and %d unanswered at the kill%n",
        acceptedStatus.size(), acceptedCdrs.size(),
        PushLoad.with(load.status, PushLoad.Outcome.NO_ANSWER, PushLoad.Outcome.REFUSED).size(),
        PushLoad.with(load.cdrs, PushLoad.Outcome.NO_ANSWER, PushLoad.Outcome.REFUSED).size());
    assertStatesFound(r, acceptedStatus);
    assertCdrsFound(r, acceptedCdrs);

    try (GatewayProcess second = new GatewayProcess(dir, yamlOf(r), r.env(), r.push(), r.management())) {
      second.awaitReady(Duration.ofSeconds(60));
      load.retryUntilTaken(r.url(), Duration.ofSeconds(60));
      assertThat(PushLoad.with(load.status, PushLoad.Outcome.REFUSED, PushLoad.Outcome.NO_ANSWER)).isEmpty();
      assertThat(PushLoad.with(load.cdrs, PushLoad.Outcome.REFUSED, PushLoad.Outcome.NO_ANSWER)).isEmpty();
      assertStatesFound(r, load.status.keySet());
      Map<String, Long> cdrCounts = cdrCounts(r, load.cdrs.size());
      assertThat(cdrCounts.keySet()).containsAll(load.cdrs.keySet());
      assertThat(cdrCounts.values()).as("no CDR published twice").containsOnly(1L);
      assertThat(second.terminate(Duration.ofSeconds(15))).isZero();
    }
  }

  @Test
  void sigtermUnderLoadExitsZeroAndEveryAcceptedPushIsInKafka(@TempDir Path dir) throws Exception {
    Run r = run();
    PushLoad load = new PushLoad();
    int exit;
    try (GatewayProcess gateway = new GatewayProcess(dir, yamlOf(r), r.env(), r.push(), r.management())) {
      gateway.awaitReady(Duration.ofSeconds(60));
      load.start(r.url(), 8);
      // Under load: a few hundred pushes answered before the signal, whatever the machine's speed.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> load.status.size() + load.cdrs.size() >= 300);
      exit = gateway.terminate(Duration.ofSeconds(15));
      load.stop();
      assertThat(exit).as(gateway.log()).isZero();
      assertThat(gateway.log()).contains("Stopped");
    }
    Set<String> acceptedStatus = PushLoad.with(load.status, PushLoad.Outcome.ACCEPTED);
    assertThat(acceptedStatus).hasSizeGreaterThan(50);
    assertStatesFound(r, acceptedStatus);
    assertCdrsFound(r, PushLoad.with(load.cdrs, PushLoad.Outcome.ACCEPTED));
  }

  private static String yamlOf(Run r) {
    return GatewayProcess.yaml(r.prefix(), r.push(), r.management(), null);
  }

  private static void assertStatesFound(Run r, Set<String> sessions) {
    List<ConsumerRecord<String, byte[]>> records = TopicReader.read(KAFKA.bootstrapServers(),
        r.prefix() + "conference.state", sessions.size(), Duration.ofSeconds(30));
    Set<String> found = records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    assertThat(found).as("every accepted status push is in Kafka").containsAll(sessions);
  }

  private static void assertCdrsFound(Run r, Set<String> detailIds) {
    assertThat(cdrCounts(r, detailIds.size()).keySet()).as("every accepted CDR is in Kafka").containsAll(detailIds);
  }

  private static Map<String, Long> cdrCounts(Run r, int atLeast) {
    return TopicReader.read(KAFKA.bootstrapServers(), r.prefix() + "conference.cdr", atLeast, Duration.ofSeconds(30))
        .stream().map(c -> new String(c.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
        .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
  }
}
