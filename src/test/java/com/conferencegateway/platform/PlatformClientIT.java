package com.conferencegateway.platform;

import static com.conferencegateway.simulator.SimulatorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conferencegateway.simulator.SimulatorHarness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The platform client against a real HTTP server: the simulator, which checks every signature. */
class PlatformClientIT {
  private SimulatorHarness sim;
  private HttpClient web;

  @BeforeEach
  void start() throws Exception {
    sim = new SimulatorHarness(Vertx.vertx(), null, null, 0);
    web = sim.vertx.createHttpClient();
  }

  @AfterEach
  void stop() throws Exception {
    sim.close();
  }

  private PlatformClient client(TimestampFormat format) {
    return new PlatformClient(web, sim.baseUrl(), format, 3000, Clock.systemUTC());
  }

  /** A temp key straight from getAccountkey, signed with the permanent key. */
  private static String tempKey(PlatformClient client, String id, String permanentKey) throws Exception {
    PlatformAnswer answer = await(client.send(PlatformCalls.getAccountkey(id), permanentKey, null));
    assertThat(answer.succeeded()).as(answer.describe()).isTrue();
    return answer.text("key_temp");
  }

  @ParameterizedTest
  @EnumSource(TimestampFormat.class)
  void allSevenCallsAreSentWithTheSpecsWireNamesAndSignedWithTheRightKey(TimestampFormat format) throws Exception {
    PlatformClient api = client(format);
    String authData = "{\"name\":\"用友移动通信技术有限公司\",\"telephone\":\"17001090122\",\"linker\":\"秦福欣\",\"email\":\"q@x.cn\"}";
    String appTemp = tempKey(api, SimulatorHarness.APP, SimulatorHarness.APP_KEY);
    PlatformAnswer reg = await(api.send(PlatformCalls.accountReg(SimulatorHarness.APP, "yonyou12138", authData,
        "http://gw/platform/cdr?token=a&b", "http://gw/platform/status"), appTemp, null));
    assertThat(reg.succeeded()).as(reg.describe()).isTrue();
    String newAccount = reg.text("account_identify");
    String accountTemp = tempKey(api, newAccount, reg.text("key_permanent"));

    assertThat(await(api.send(PlatformCalls.accountRecharge(newAccount, 100, "01", "0.10", "COMM"), accountTemp, null))
        .succeeded()).isTrue();
    PlatformAnswer created = await(api.send(PlatformCalls.createConference(newAccount, "13800000000",
        List.of("13900000001", "13900000002"), "user-1"), accountTemp, null));
    assertThat(created.succeeded()).as(created.describe()).isTrue();
    String session = created.text("sessionId");
    assertThat(await(api.send(PlatformCalls.conferenceAdd(session, List.of("13900000003")), null, null)).succeeded())
        .isTrue();
    assertThat(await(api.send(PlatformCalls.conferenceMinus(session, List.of("13900000003")), null, null)).succeeded())
        .isTrue();
    // The caller answers at once (pacing 0), on the simulator's event loop: end once that happened.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sim.verticle.platform().snapshot()
        .encode().contains("\"ANSWERED\""));
    assertThat(await(api.send(PlatformCalls.endConference(session), null, null)).succeeded()).isTrue();

    List<JsonObject> calls = sim.verticle.platform().calls();
    assertThat(calls).extracting(c -> c.getString("call")).containsExactly(
        "getAccountkey", "accountReg", "getAccountkey", "accountRecharge", "createConference",
        "conferenceAdd", "conferenceMinus", "endConference");
    assertThat(calls).extracting(c -> c.getString("result")).containsOnly("0");
    JsonObject regParams = calls.get(1).getJsonObject("params");
    assertThat(regParams.fieldNames()).containsExactlyInAnyOrder("account_identifer", "company_identifer", "authData",
        "record_url", "status_url", "timestamp", "sign");
    assertThat(regParams.getString("authData")).isEqualTo(authData);
    assertThat(regParams.getString("record_url")).isEqualTo("http://gw/platform/cdr?token=a&b");
    assertThat(calls.get(0).getJsonObject("params").getString("account_identify")).isEqualTo(SimulatorHarness.APP);
    assertThat(calls.get(4).getJsonObject("params").fieldNames()).containsExactlyInAnyOrder("caller", "phones",
        "account_identify", "userId", "timestamp", "sign");
    assertThat(calls.get(4).getJsonObject("params").getString("phones")).isEqualTo("13900000001,13900000002");
    assertThat(calls.get(5).getJsonObject("params").fieldNames()).containsExactlyInAnyOrder("sessionid", "calledNbr");
    assertThat(calls.get(7).getJsonObject("params").fieldNames()).containsExactly("sessionid");
    String ts = calls.get(4).getJsonObject("params").getString("timestamp");
    assertThat(ts).matches(format == TimestampFormat.COMPACT ? "\\d{14}" : "\\d{13}");
  }

  @Test
  void aRotatedTempKeyIsRefusedWithAnAnswerNotAnHttpFailure() throws Exception {
    PlatformClient api = client(TimestampFormat.COMPACT);
    String key = tempKey(api, SimulatorHarness.ACCOUNT, SimulatorHarness.ACCOUNT_KEY);
    sim.verticle.platform().rotateTempKey(SimulatorHarness.ACCOUNT);
    PlatformAnswer answer = await(api.send(PlatformCalls.createConference(SimulatorHarness.ACCOUNT, "13800000000",
        List.of("13900000001"), "u"), key, null));
    assertThat(answer.succeeded()).isFalse();
    assertThat(answer.result()).isEqualTo("1001");
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 502, 503})
  void statusesThatSayThePlatformDidNotActAreRetryableWithRetryAfter(int status) throws Exception {
    PlatformClient api = client(TimestampFormat.COMPACT);
    sim.verticle.faults().update(new JsonObject().put("failNext", 1).put("failStatus", status));
    assertThatThrownBy(() -> await(api.send(PlatformCalls.endConference("x"), null, null)))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RetryableFailure.class)
        .satisfies(e -> assertThat(((RetryableFailure) e).retryAfterMs()).isEqualTo(status == 429 ? 1000 : 0));
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 504})
  void statusesAfterWhichThePlatformMayHaveActedAreOutcomeUnknownNamingTheCall(int status) throws Exception {
    PlatformClient api = client(TimestampFormat.COMPACT);
    sim.verticle.faults().update(new JsonObject().put("failNext", 1).put("failStatus", status));
    assertThatThrownBy(() -> await(api.send(PlatformCalls.endConference("x"), null, null)))
        .cause().isInstanceOf(OutcomeUnknown.class)
        .satisfies(e -> assertThat(((OutcomeUnknown) e).call()).isEqualTo("endConference"));
  }

  @Test
  void http400IsRejected() throws Exception {
    PlatformClient api = client(TimestampFormat.COMPACT);
    sim.verticle.faults().update(new JsonObject().put("failNext", 1).put("failStatus", 400));
    assertThatThrownBy(() -> await(api.send(PlatformCalls.endConference("x"), null, null)))
        .cause().isInstanceOf(PlatformRejected.class);
  }

  @Test
  void noAnswerInTimeAfterTheRequestWasSentIsOutcomeUnknown() throws Exception {
    PlatformClient client = new PlatformClient(web, sim.baseUrl(), TimestampFormat.COMPACT, 300, Clock.systemUTC());
    sim.verticle.faults().update(new JsonObject().put("timeoutNext", 1));
    assertThatThrownBy(() -> await(client.send(PlatformCalls.endConference("x"), null, null)))
        .cause().isInstanceOf(OutcomeUnknown.class);
  }

  @Test
  void aConnectionLostBeforeTheAnswerIsOutcomeUnknown() throws Exception {
    PlatformClient client = new PlatformClient(web, sim.baseUrl(), TimestampFormat.COMPACT, 3000, Clock.systemUTC());
    sim.verticle.faults().update(new JsonObject().put("resetNext", 1));
    assertThatThrownBy(() -> await(client.send(PlatformCalls.endConference("x"), null, null)))
        .cause().isInstanceOf(OutcomeUnknown.class);
  }

  @Test
  void aPlatformThatCannotBeConnectedToIsARetryableFailureThatNamesNoKey() throws Exception {
    PlatformClient client = new PlatformClient(web, "http://127.0.0.1:1/httpIntf", TimestampFormat.COMPACT, 1000,
        Clock.systemUTC());
    assertThatThrownBy(() -> await(client.send(PlatformCalls.getAccountkey("A"), "very-secret-key", null)))
        .cause().isInstanceOf(RetryableFailure.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("very-secret-key"));
  }

  @Test
  void callsQueuedForTheOnePooledConnectionWaitLongerThanOneCallMayTake() throws Exception {
    HttpClient oneConnection = sim.vertx.createHttpClient(new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1));
    // Each answer takes 300 ms and a call may take 1 s; the fifth call waits 1.2 s for the connection.
    PlatformClient client = new PlatformClient(oneConnection, sim.baseUrl(), TimestampFormat.COMPACT, 1000, 5000,
        Clock.systemUTC());
    sim.verticle.faults().update(new JsonObject().put("latencyMs", 300));
    List<io.vertx.core.Future<PlatformAnswer>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(client.send(PlatformCalls.endConference("s-" + i), null, null));
    }
    for (io.vertx.core.Future<PlatformAnswer> call : calls) {
      assertThat(await(call)).as("answered, not failed waiting for the connection").isNotNull();
    }
  }
}
