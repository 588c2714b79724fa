package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fold's Kafka Streams topology on Kafka's TopologyTestDriver (no broker): what it writes for
 * which input, the re-keying of create results, the headers, and the purge of idle conferences.
 */
class SessionTopologyTest {
  private static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
  private static final SessionTopology.Topics TOPICS =
      new SessionTopology.Topics("state", "cdr", "result", "sessions");

  @TempDir Path stateDir;
  private final MovableClock clock = new MovableClock(START);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> states;
  private TestInputTopic<String, byte[]> cdrs;
  private TestInputTopic<String, byte[]> results;
  private TestOutputTopic<String, byte[]> sessions;

  @BeforeEach
  void start() {
    Properties props = new Properties();
    props.put("application.id", "fold-test");
    props.put("bootstrap.servers", "unused:9092");
    props.put("state.dir", stateDir.toString());
    props.put("statestore.cache.max.bytes", "0");
    driver = new TopologyTestDriver(SessionTopology.build(TOPICS, clock, Duration.ofHours(1), Duration.ofMinutes(1),
        new SessionMeters(registry)), props, START);
    states = driver.createInputTopic("state", new StringSerializer(), new ByteArraySerializer());
    cdrs = driver.createInputTopic("cdr", new StringSerializer(), new ByteArraySerializer());
    results = driver.createInputTopic("result", new StringSerializer(), new ByteArraySerializer());
    sessions = driver.createOutputTopic("sessions", new StringDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void state(String session, String callee, String state, String time) {
    states.pipeInput(session, json("""
        {"sessionId":"%s","caller":"8613800000000","callee":"%s","state":"%s",
         "stateTime":"2026-11-29T18:00:%s+08:00","appId":"APP","receivedAt":"2026-11-29T10:00:00.000Z"}"""
        .formatted(session, callee, state, time)));
  }

  private List<TestRecord<String, byte[]>> written() {
    return sessions.readRecordsToList();
  }

  private static JsonObject value(TestRecord<String, byte[]> r) {
    return new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
  }

  private static String header(TestRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void eachChangeIsOneRecordKeyedBySessionWithItsCloudEventsHeadersAndARepeatIsNone() {
    state("s1", "013900000001", "RINGING", "01.000");
    state("s1", "013900000001", "ANSWERED", "02.000");
    state("s1", "013900000001", "ANSWERED", "02.000");
    List<TestRecord<String, byte[]>> out = written();
    assertThat(out).extracting(TestRecord::key).containsExactly("s1", "s1");
    assertThat(out).extracting(r -> value(r).getLong("version")).containsExactly(1L, 2L);
    assertThat(out).extracting(r -> header(r, "ce_id")).containsExactly("s1:1", "s1:2");
    TestRecord<String, byte[]> last = out.get(1);
    assertThat(header(last, "ce_type")).isEqualTo("conference.session");
    assertThat(header(last, "ce_source")).isEqualTo("/conference-gateway/sessions");
    assertThat(header(last, "ce_subject")).isEqualTo("s1");
    assertThat(last.headers().lastHeader("ce_specversion")).isNotNull();
    assertThat(last.headers().headers("ce_id")).as("the input's headers are not carried over").hasSize(1);
    assertThat(registry.get("gateway.sessions.unchanged").counter().count()).isEqualTo(1);
  }

  @Test
  void aCreateResultKeyedByCommandReachesItsSessionAndOtherResultsAreIgnored() {
    state("s2", "013900000001", "RINGING", "01.000");
    results.pipeInput("cmd-7", json("""
        {"commandId":"cmd-7","type":"conference.create","status":"succeeded","sessionId":"s2","accountId":"ACC-1",
         "attempts":1,"completedAt":"2026-11-29T10:00:00.500Z"}"""));
    results.pipeInput("cmd-8", json("""
        {"commandId":"cmd-8","type":"account.recharge","status":"succeeded","accountId":"ACC-1",
         "attempts":1,"completedAt":"2026-11-29T10:00:00.600Z"}"""));
    results.pipeInput("s2", json("""
        {"commandId":"cmd-9","type":"conference.end","status":"succeeded","sessionId":"s2",
         "attempts":1,"completedAt":"2026-11-29T10:00:09.000Z"}"""));
    List<TestRecord<String, byte[]>> out = written();
    assertThat(out).hasSize(3);
    JsonObject last = value(out.get(2));
    assertThat(last.getString("accountId")).isEqualTo("ACC-1");
    assertThat(last.getString("createdAt")).isEqualTo("2026-11-29T10:00:00.500Z");
    assertThat(last.getString("status")).isEqualTo("ended");
  }

  @Test
  void anUnreadableRecordIsSkippedAndCountedAndTheFoldGoesOn() {
    states.pipeInput("s3", json("not json"));
    cdrs.pipeInput("s3", json("{\"sessionId\":\"s3\",\"detailId\":\"d1\",\"durationSeconds\":30,\"appId\":\"APP\"}"));
    assertThat(written()).extracting(r -> value(r).getLong("billedSeconds")).containsExactly(30L);
    assertThat(registry.get("gateway.sessions.unreadable").counter().count()).isEqualTo(1);
  }

  @Test
  void aConferenceIdleLongerThanTheRetentionLeavesTheStoreAndALiveOneStays() {
    state("old", "013900000001", "ANSWERED", "01.000");
    clock.advance(Duration.ofMinutes(50));
    state("live", "013900000002", "ANSWERED", "01.000");
    clock.advance(Duration.ofMinutes(15));
    driver.advanceWallClockTime(Duration.ofMinutes(65));
    assertThat(driver.getKeyValueStore(SessionTopology.STORE).get("old")).isNull();
    assertThat(driver.getKeyValueStore(SessionTopology.STORE).get("live")).isNotNull();
    assertThat(registry.get("gateway.sessions.purged").counter().count()).isEqualTo(1);

    state("old", "013900000001", "ANSWERED", "01.000");
    assertThat(written()).extracting(r -> value(r).getString("sessionId") + " v" + value(r).getLong("version"))
        .as("a purged conference is forgotten: its next event starts it again")
        .containsExactly("old v1", "live v1", "old v1");
  }
}
