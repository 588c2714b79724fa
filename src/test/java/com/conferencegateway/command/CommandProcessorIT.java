package com.conferencegateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Schemas;
import com.conferencegateway.TestGateways;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import com.conferencegateway.simulator.SimulatedPlatform;
import com.conferencegateway.simulator.SimulatorHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Commands from Kafka to a real HTTP platform (the simulator, checking every signature) and back. */
class CommandProcessorIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private Gateway gateway;
  private CommandTopics topics;
  private GatewayConfig config;

  private void start(String extraYaml) throws Exception {
    config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(),
        "command:\n  backoffInitialMs: 20\n  backoffMaxMs: 200\n" + (extraYaml == null ? "" : extraYaml)));
    gateway = TestGateways.start(config);
    assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
    topics = new CommandTopics(KAFKA.bootstrapServers(), config.kafka().topics().command(),
        config.kafka().topics().commandResult());
  }

  @AfterEach
  void stop() throws Exception {
    if (topics != null) {
      topics.close();
    }
    TestGateways.stop(gateway);
  }

  private SimulatedPlatform platform() {
    return gateway.simulator().platform();
  }

  private static String id() {
    return "c-" + UUID.randomUUID();
  }

  private JsonObject run(String key, JsonObject command) {
    topics.send(key, command);
    JsonObject result = topics.result(command.getString("commandId"));
    assertThat(Schemas.problems(Schemas.forTopic("conference.command.result"), result)).isNull();
    return result;
  }

  private JsonObject create(String account, String... phones) {
    String id = id();
    return run(id, new JsonObject().put("commandId", id).put("type", "conference.create").put("accountId", account)
        .put("caller", "13800000000").put("phones", new JsonArray(List.of(phones))).put("userId", "u-1"));
  }

  private String demoAccount() {
    return config.simulator().demoAccountId();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yyyyMMddHHmmss", "epochMillis"})
  void everyCommandTypeIsCarriedOutAsTheSpecsCallSignedWithTheRightKey(String timestampFormat) throws Exception {
    start("platform:\n  timestampFormat: " + timestampFormat + "\n");
    String regId = id();
    JsonObject reg = run(regId, new JsonObject().put("commandId", regId).put("type", "account.register")
        .put("companyId", "yonyou12138").put("authData", new JsonObject().put("name", "用友移动通信技术有限公司")
            .put("telephone", "17001090122").put("linker", "秦福欣").put("email", "qfx@yonyou.com")));
    assertThat(reg.getString("status")).as(reg.encode()).isEqualTo("succeeded");
    String account = reg.getString("accountId");
    assertThat(account).isNotBlank();
    assertThat(reg.getString("accountStatus")).isEqualTo("1");
    assertThat(reg.encode()).doesNotContain("key");

    String rechargeId = id();
    assertThat(run(rechargeId, new JsonObject().put("commandId", rechargeId).put("type", "account.recharge")
        .put("accountId", account).put("amount", 500).put("rechargeType", "time").put("unitPrice", "0.05"))
        .getString("status")).isEqualTo("succeeded");
    JsonObject created = create(account, "13900000001");
    assertThat(created.getString("status")).isEqualTo("succeeded");
    String session = created.getString("sessionId");
    assertThat(session).matches("\\d{32}");
    for (String type : List.of("conference.add", "conference.remove")) {
      String cid = id();
      JsonObject r = run(session, new JsonObject().put("commandId", cid).put("type", type).put("sessionId", session)
          .put("phones", new JsonArray().add("13900000009")));
      assertThat(r.getString("status")).as(r.encode()).isEqualTo("succeeded");
      assertThat(r.getString("sessionId")).isEqualTo(session);
    }
    String endId = id();
    assertThat(run(session, new JsonObject().put("commandId", endId).put("type", "conference.end")
        .put("sessionId", session)).getString("status")).isEqualTo("succeeded");
    String refreshId = id();
    assertThat(run(refreshId, new JsonObject().put("commandId", refreshId).put("type", "account.refreshKey")
        .put("accountId", account)).getString("status")).isEqualTo("succeeded");

    List<JsonObject> calls = platform().calls();
    assertThat(calls).extracting(c -> c.getString("call") + "=" + c.getString("result")).containsExactly(
        "getAccountkey=0", "accountReg=0", "accountRecharge=0", "createConference=0", "conferenceAdd=0",
        "conferenceMinus=0", "endConference=0", "getAccountkey=0");
    JsonObject regParams = calls.get(1).getJsonObject("params");
    assertThat(regParams.getString("account_identifer")).isEqualTo(config.simulator().appId());
    assertThat(new JsonObject(regParams.getString("authData")).getString("linker")).isEqualTo("秦福欣");
    assertThat(regParams.getString("status_url")).endsWith("/platform/status");
    JsonObject recharge = calls.get(2).getJsonObject("params");
    assertThat(recharge.getString("type")).isEqualTo("02");
    assertThat(recharge.getString("ability_type")).isEqualTo("COMM");
    assertThat(recharge.getString("timestamp")).matches(timestampFormat.equals("epochMillis") ? "\\d{13}" : "\\d{14}");
  }

  @Test
  void aRegisteredAccountWorksAfterARestartAndItsKeysAreStoredOnlyEncrypted() throws Exception {
    // A platform that outlives the gateway, as the real one does.
    try (SimulatorHarness platform = new SimulatorHarness(io.vertx.core.Vertx.vertx(), null, null, 0)) {
      start("platform:\n  baseUrl: " + platform.baseUrl() + "\n  appId: " + SimulatorHarness.APP
          + "\n  appKey: " + SimulatorHarness.APP_KEY + "\n");
      String regId = id();
      String account = run(regId, new JsonObject().put("commandId", regId).put("type", "account.register")
          .put("companyId", "acme").put("authData", new JsonObject().put("name", "ACME").put("telephone", "1")
              .put("linker", "Bob"))).getString("accountId");
      assertThat(create(account, "13900000001").getString("status")).isEqualTo("succeeded");

      TestGateways.stop(gateway);
      gateway = TestGateways.start(config);
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      JsonObject afterRestart = create(account, "13900000002");
      assertThat(afterRestart.getString("status")).as(afterRestart.encode()).isEqualTo("succeeded");

      JsonObject simulated = platform.verticle.platform().snapshot().getJsonArray("accounts").stream()
          .map(JsonObject.class::cast).filter(a -> a.getString("id").equals(account)).findFirst().orElseThrow();
      List<String> secrets = List.of(simulated.getString("keyPermanent"), simulated.getString("keyTemp"),
          SimulatorHarness.APP_KEY);
      List<ConsumerRecord<String, byte[]>> stored = TopicReader.read(KAFKA.bootstrapServers(),
          config.kafka().topics().accounts(), 1, Duration.ofSeconds(10));
      assertThat(stored).isNotEmpty();
      for (ConsumerRecord<String, byte[]> r : stored) {
        String text = new String(r.value(), StandardCharsets.UTF_8);
        assertThat(secrets).noneMatch(text::contains);
      }
      List<ConsumerRecord<String, byte[]>> ofAccount = stored.stream().filter(r -> r.key().equals(account)).toList();
      assertThat(ofAccount).isNotEmpty();
      JsonObject last = new JsonObject(new String(ofAccount.get(ofAccount.size() - 1).value(), StandardCharsets.UTF_8));
      assertThat(last.getString("keyPermanent")).startsWith("v1:");
    }
  }

  @Test
  void theSameCommandIdTwiceCallsThePlatformOnceAndGetsTheResultAgain() throws Exception {
    start(null);
    String id = id();
    JsonObject command = new JsonObject().put("commandId", id).put("type", "conference.create")
        .put("accountId", demoAccount()).put("caller", "13800000000").put("phones", new JsonArray().add("13900000001"))
        .put("userId", "u");
    topics.send(id, command);
    topics.send(id, command);
    List<JsonObject> results = topics.results(id, 2, Duration.ofSeconds(30));
    assertThat(results).hasSize(2);
    assertThat(results.get(1)).isEqualTo(results.get(0));
    assertThat(platform().calls()).filteredOn(c -> c.getString("call").equals("createConference")).hasSize(1);
  }

  @Test
  void twoServerErrorsThenSuccessIsSucceededWithThreeAttempts() throws Exception {
    start(null);
    String session = create(demoAccount(), "13900000001").getString("sessionId");
    gateway.simulator().faults().update(new JsonObject().put("failNext", 2));
    String id = id();
    JsonObject r = run(session, new JsonObject().put("commandId", id).put("type", "conference.add")
        .put("sessionId", session).put("phones", new JsonArray().add("13900000002")));
    assertThat(r.getString("status")).isEqualTo("succeeded");
    assertThat(r.getInteger("attempts")).isEqualTo(3);
  }

  @Test
  void aTempKeyRotatedBehindTheGatewaysBackIsRefreshedOnceThenTheCallSucceeds() throws Exception {
    start(null);
    create(demoAccount(), "13900000001");
    platform().clearCalls();
    platform().rotateTempKey(demoAccount());
    JsonObject r = create(demoAccount(), "13900000002");
    assertThat(r.getString("status")).isEqualTo("succeeded");
    assertThat(platform().calls()).extracting(c -> c.getString("call") + "=" + c.getString("result"))
        .containsExactly("createConference=1001", "getAccountkey=0", "createConference=0");
  }

  @Test
  void aCommandsTraceparentReachesThePlatformCallItsLogLinesAndItsResult() throws Exception {
    start(null);
    ch.qos.logback.classic.Logger executorLog =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(PlatformRetries.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    executorLog.addAppender(lines);
    create(demoAccount(), "13900000001"); // the temp key is fetched: the next call is the traced one alone
    // 503: the platform certainly did not act, so even a create is sent again.
    gateway.simulator().faults().update(new JsonObject().put("failNext", 1).put("failStatus", 503));
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    String id = id();
    JsonObject command = new JsonObject().put("commandId", id).put("type", "conference.create")
        .put("accountId", demoAccount()).put("caller", "13800000000").put("phones", new JsonArray().add("13900000001"))
        .put("userId", "u");
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
        java.util.Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
        new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      var record = new org.apache.kafka.clients.producer.ProducerRecord<>(config.kafka().topics().command(), id,
          command.encode().getBytes(StandardCharsets.UTF_8));
      record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }
    assertThat(topics.result(id).getString("status")).isEqualTo("succeeded");
    assertThat(platform().calls()).filteredOn(c -> c.getString("call").equals("createConference")
            && c.getJsonObject("params").getString("userId").equals("u"))
        .hasSize(2).allMatch(c -> traceparent.equals(c.getString("traceparent")));
    List<ConsumerRecord<String, byte[]>> results = TopicReader.read(KAFKA.bootstrapServers(),
        config.kafka().topics().commandResult(), 1, Duration.ofSeconds(10));
    assertThat(results).anyMatch(r -> traceparent.equals(TopicReader.header(r, "traceparent")));
    executorLog.detachAppender(lines);
    assertThat(lines.list).as("the retry of its platform call is logged with the command's ids and trace")
        .anyMatch(e -> e.getFormattedMessage().contains("retrying")
            && traceparent.equals(e.getMDCPropertyMap().get("traceparent"))
            && id.equals(e.getMDCPropertyMap().get("commandId")));
  }

  @Test
  void aBadRequestFailsWithoutRetries() throws Exception {
    start(null);
    gateway.simulator().faults().update(new JsonObject().put("failNext", 1).put("failStatus", 400));
    String id = id();
    JsonObject r = run(id, new JsonObject().put("commandId", id).put("type", "conference.end").put("sessionId", "123"));
    assertThat(r.getString("status")).isEqualTo("failed");
    assertThat(r.getInteger("attempts")).isEqualTo(1);
    assertThat(r.getJsonObject("error").getString("code")).isEqualTo("PLATFORM_REJECTED");
  }

  @Test
  void aNonZeroPlatformResultIsFailedNotRetried() throws Exception {
    start(null);
    String id = id();
    JsonObject r = run(id, new JsonObject().put("commandId", id).put("type", "conference.end").put("sessionId", "404"));
    assertThat(r.getString("status")).isEqualTo("failed");
    assertThat(r.getString("platformResult")).isEqualTo(com.conferencegateway.simulator.Refused.UNKNOWN_SESSION);
    assertThat(r.getInteger("attempts")).isEqualTo(1);
    assertThat(r.getJsonObject("error").getString("code")).isEqualTo("PLATFORM_RESULT");
  }

  @Test
  void anAccountWithoutKeysFailsWithUnknownAccount() throws Exception {
    start(null);
    JsonObject r = create("NOBODY", "13900000001");
    assertThat(r.getString("status")).isEqualTo("failed");
    assertThat(r.getJsonObject("error").getString("code")).isEqualTo("UNKNOWN_ACCOUNT");
    assertThat(platform().calls()).isEmpty();
  }

  @Test
  void garbageGoesToTheDlqWithItsHeadersAndTheNextCommandOnThePartitionStillRuns() throws Exception {
    start(null);
    byte[] garbage = {0, 1, 2, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};
    topics.send("same-key", garbage);
    String invalidId = id();
    topics.send("same-key", new JsonObject().put("commandId", invalidId).put("type", "conference.end"));
    String okId = id();
    topics.send("same-key", new JsonObject().put("commandId", okId).put("type", "conference.end").put("sessionId", "1"));

    JsonObject rejected = topics.result(invalidId);
    assertThat(rejected.getString("status")).isEqualTo("rejected");
    assertThat(rejected.getJsonObject("error").getString("code")).isEqualTo("INVALID_COMMAND");
    assertThat(topics.result(okId).getString("status")).isEqualTo("failed"); // carried out: unknown session

    List<ConsumerRecord<String, byte[]>> dlq = TopicReader.read(KAFKA.bootstrapServers(),
        config.kafka().topics().commandDlq(), 2, Duration.ofSeconds(15));
    assertThat(dlq).hasSize(2);
    ConsumerRecord<String, byte[]> first = dlq.get(0);
    assertThat(first.value()).isEqualTo(garbage);
    assertThat(first.key()).isEqualTo("same-key");
    assertThat(TopicReader.header(first, "dlq.error.code")).isEqualTo("NOT_JSON");
    assertThat(TopicReader.header(first, "dlq.error.message")).isNotBlank();
    assertThat(TopicReader.header(first, "dlq.original.topic")).isEqualTo(config.kafka().topics().command());
    assertThat(TopicReader.header(first, "dlq.original.partition")).matches("\\d+");
    assertThat(TopicReader.header(first, "dlq.original.offset")).matches("\\d+");
    assertThat(TopicReader.header(dlq.get(1), "dlq.error.code")).isEqualTo("INVALID_COMMAND");
  }

  @Test
  void commandsOfOneKeyReachThePlatformInOrderWhileAnotherKeysInterleave() throws Exception {
    start(null);
    String s1 = create(demoAccount(), "13900000001").getString("sessionId");
    String s2 = create(demoAccount(), "13900000002").getString("sessionId");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      for (String s : List.of(s1, s2)) {
        String id = id();
        ids.add(id);
        topics.send(s, new JsonObject().put("commandId", id).put("type", "conference.add").put("sessionId", s)
            .put("phones", new JsonArray().add(String.format("1370000%04d", i))));
      }
    }
    List<JsonObject> results = topics.until(r -> ids.contains(r.getString("commandId")), 200, Duration.ofSeconds(60));
    assertThat(results).hasSize(200).allMatch(r -> r.getString("status").equals("succeeded"));
    List<String> s1Order = platform().calls().stream()
        .filter(c -> c.getString("call").equals("conferenceAdd"))
        .filter(c -> c.getJsonObject("params").getString("sessionid").equals(s1))
        .map(c -> c.getJsonObject("params").getString("calledNbr")).toList();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(String.format("1370000%04d", i));
    }
    assertThat(s1Order).containsExactlyElementsOf(expected);
    List<String> sessions = platform().calls().stream().filter(c -> c.getString("call").equals("conferenceAdd"))
        .map(c -> c.getJsonObject("params").getString("sessionid")).toList();
    assertThat(sessions.subList(0, 100)).as("the other key's commands interleave").contains(s2);
  }

  @Test
  void noMoreCommandsAreInFlightThanMaxInFlightWhenManyArriveAtOnce() throws Exception {
    start("  maxInFlight: 8\n");
    platform(); // the simulator answers each call after 200 ms, so commands stay in flight a while
    gateway.simulator().faults().update(new JsonObject().put("latencyMs", 200));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String id = id();
      ids.add(id);
      topics.send(id, new JsonObject().put("commandId", id).put("type", "conference.create")
          .put("accountId", demoAccount()).put("caller", "13800000000")
          .put("phones", new JsonArray().add("13900000001")).put("userId", "u-1"));
    }
    double most = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && platform().calls().stream()
        .filter(c -> c.getString("call").equals("createConference")).count() < 60) {
      most = Math.max(most, TestGateways.metric(gateway, "gateway_commands_inflight"));
      Thread.sleep(10);
    }
    List<JsonObject> results = topics.until(r -> ids.contains(r.getString("commandId")), 60, Duration.ofSeconds(60));
    assertThat(results).hasSize(60).allMatch(r -> r.getString("status").equals("succeeded"));
    assertThat(most).as("commands in flight at most").isBetween(1.0, 8.0);
  }
}
