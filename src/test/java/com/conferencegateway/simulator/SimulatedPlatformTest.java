package com.conferencegateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.platform.PlatformTime;
import com.conferencegateway.platform.Signature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's checks and a conference's life, without HTTP: timers run at once, pushes are recorded. */
class SimulatedPlatformTest {
  private static final String APP = "APP1";
  private static final String APP_KEY = "app-key";
  private static final String ACCOUNT = "ACC1";
  private static final String ACCOUNT_KEY = "acc-key";
  private final Clock clock = Clock.systemUTC();
  private final List<String> pushes = new ArrayList<>();
  private final List<JsonObject> cdrs = new ArrayList<>();
  private SimulatedPlatform platform;

  @BeforeEach
  void setUp() {
    platform = new SimulatedPlatform(APP, APP_KEY, clock, (delay, task) -> task.run(), new SimulatedPlatform.Outbox() {
      @Override
      public void status(String sessionId, String url, Supplier<JsonObject> body) {
        JsonObject d = body.get().getJsonObject("data");
        pushes.add(d.getString("callee") + ":" + d.getString("call_state"));
      }

      @Override
      public void cdrs(String sessionId, String url, JsonObject body) {
        cdrs.add(body);
      }
    }, Duration.ofMinutes(10), 0, 0.0);
    platform.addAccount(ACCOUNT, ACCOUNT_KEY, "co", "http://status", "http://record");
  }

  private static String ts() {
    return PlatformTime.format(Instant.now(), PlatformTime.SECONDS);
  }

  private static Map<String, String> signed(String id, String key, Map<String, String> params) {
    Map<String, String> p = new LinkedHashMap<>(params);
    String ts = Long.toString(System.currentTimeMillis());
    p.put("timestamp", ts);
    p.put("sign", Signature.sign(id, key, ts));
    return p;
  }

  private String tempKey(String id, String permanent) {
    JsonObject a = platform.handle("getAccountkey", signed(id, permanent, Map.of("account_identify", id)));
    assertThat(a.getString("result")).isEqualTo("0");
    return a.getString("key_temp");
  }

  private String create(String temp) {
    JsonObject a = platform.handle("createConference", signed(ACCOUNT, temp, Map.of("caller", "13800000000",
        "phones", "13900000001,13900000002", "account_identify", ACCOUNT, "userId", "u1")));
    assertThat(a.getString("result")).as(a.encode()).isEqualTo("0");
    return a.getString("sessionId");
  }

  @Test
  void getAccountkeySignedWithThePermanentKeyGivesATempKey() {
    assertThat(tempKey(ACCOUNT, ACCOUNT_KEY)).hasSize(32);
  }

  @Test
  void aWrongSignIsRefused() {
    JsonObject a = platform.handle("getAccountkey", signed(ACCOUNT, "not-the-key", Map.of("account_identify", ACCOUNT)));
    assertThat(a.getString("result")).isEqualTo(Refused.SIGN_MISMATCH);
    assertThat(a.getString("describe")).contains("sign");
  }

  @Test
  void aStaleTempKeyIsRefusedOnceRotated() {
    String first = tempKey(ACCOUNT, ACCOUNT_KEY);
    tempKey(ACCOUNT, ACCOUNT_KEY);
    JsonObject a = platform.handle("createConference", signed(ACCOUNT, first, Map.of("caller", "13800000000",
        "phones", "13900000001", "account_identify", ACCOUNT, "userId", "u1")));
    assertThat(a.getString("result")).isEqualTo(Refused.SIGN_MISMATCH);
  }

  @Test
  void aMissingParameterIsNamed() {
    JsonObject a = platform.handle("createConference", signed(ACCOUNT, tempKey(ACCOUNT, ACCOUNT_KEY),
        Map.of("caller", "13800000000", "account_identify", ACCOUNT, "userId", "u1")));
    assertThat(a.getString("result")).isEqualTo(Refused.MISSING_PARAMETER);
    assertThat(a.getString("describe")).contains("phones");
  }

  @Test
  void anOldTimestampIsRefusedInBothFormats() {
    Map<String, String> p = new LinkedHashMap<>(Map.of("account_identify", ACCOUNT));
    String old = Long.toString(System.currentTimeMillis() - Duration.ofHours(1).toMillis());
    p.put("timestamp", old);
    p.put("sign", Signature.sign(ACCOUNT, ACCOUNT_KEY, old));
    assertThat(platform.handle("getAccountkey", p).getString("result")).isEqualTo(Refused.BAD_TIMESTAMP);
    String compactOld = PlatformTime.format(Instant.now().minus(Duration.ofHours(1)), PlatformTime.SECONDS);
    p.put("timestamp", compactOld);
    p.put("sign", Signature.sign(ACCOUNT, ACCOUNT_KEY, compactOld));
    assertThat(platform.handle("getAccountkey", p).getString("result")).isEqualTo(Refused.BAD_TIMESTAMP);
    String compactNow = ts();
    p.put("timestamp", compactNow);
    p.put("sign", Signature.sign(ACCOUNT, ACCOUNT_KEY, compactNow));
    assertThat(platform.handle("getAccountkey", p).getString("result")).isEqualTo("0");
  }

  @Test
  void accountRegIsSignedWithTheAppsTempKeyAndReturnsTheNewAccountsKeys() {
    String appTemp = tempKey(APP, APP_KEY);
    JsonObject a = platform.handle("accountReg", signed(APP, appTemp, Map.of("account_identifer", APP,
        "company_identifer", "yonyou", "authData", "{\"name\":\"用友\",\"telephone\":\"17001090122\",\"linker\":\"秦福欣\"}")));
    assertThat(a.getString("result")).as(a.encode()).isEqualTo("0");
    JsonObject data = a.getJsonObject("data");
    assertThat(data.getString("account_status")).isEqualTo("1");
    String newAccount = data.getString("account_identify");
    assertThat(tempKey(newAccount, data.getString("key_permanent"))).isNotBlank();
  }

  @Test
  void rechargeAddsToTheBalance() {
    String temp = tempKey(ACCOUNT, ACCOUNT_KEY);
    JsonObject a = platform.handle("accountRecharge", signed(ACCOUNT, temp, Map.of("account_identify", ACCOUNT,
        "amount", "100", "type", "01", "unit_price", "0.10", "ability_type", "COMM")));
    assertThat(a.getString("result")).isEqualTo("0");
    JsonArray accounts = platform.snapshot().getJsonArray("accounts");
    assertThat(accounts.stream().map(JsonObject.class::cast).filter(o -> o.getString("id").equals(ACCOUNT))
        .findFirst().orElseThrow().getLong("balanceMoney")).isEqualTo(100L);
  }

  @Test
  void aConferencesLifePushesStatesInOrderAndOneCdrPerLegAtTheEnd() {
    String session = create(tempKey(ACCOUNT, ACCOUNT_KEY));
    assertThat(session).matches("\\d{32}");
    assertThat(pushes).containsExactly(
        "8613800000000:INVITE", "8613800000000:RINGING", "8613800000000:ANSWERED",
        "013900000001:INVITE", "013900000001:RINGING", "013900000001:ANSWERED",
        "013900000002:INVITE", "013900000002:RINGING", "013900000002:ANSWERED");
    pushes.clear();
    assertThat(platform.handle("conferenceMinus", Map.of("sessionid", session, "calledNbr", "13900000002"))
        .getString("result")).isEqualTo("0");
    assertThat(platform.handle("conferenceAdd", Map.of("sessionid", session, "calledNbr", "13900000003"))
        .getString("result")).isEqualTo("0");
    assertThat(platform.handle("endConference", Map.of("sessionid", session)).getString("result")).isEqualTo("0");
    assertThat(pushes).containsExactly("013900000002:DISCONNECTED",
        "013900000003:INVITE", "013900000003:RINGING", "013900000003:ANSWERED",
        "8613800000000:DISCONNECTED", "013900000001:DISCONNECTED", "013900000003:DISCONNECTED");
    assertThat(cdrs).hasSize(1);
    JsonArray batch = cdrs.get(0).getJsonArray("data");
    assertThat(batch).hasSize(4);
    JsonObject first = batch.getJsonObject(0);
    assertThat(first.fieldNames()).contains("detailId", "session_id", "beginTime", "endTime", "time", "caller",
        "callee", "displaynbr", "com_identify", "user_identifer", "app_identify");
    assertThat(platform.handle("endConference", Map.of("sessionid", session)).getString("result"))
        .isEqualTo(Refused.CONFERENCE_ENDED);
  }

  @Test
  void endingBeforeTheCallerAnsweredIsRefused() {
    SimulatedPlatform paced = new SimulatedPlatform(APP, APP_KEY, clock, (delay, task) -> {
      if (delay == 0) {
        task.run(); // only INVITE happens: nobody has answered yet
      }
    }, new SimulatedPlatform.Outbox() {
      @Override
      public void status(String sessionId, String url, Supplier<JsonObject> body) {}

      @Override
      public void cdrs(String sessionId, String url, JsonObject body) {}
    }, Duration.ofMinutes(10), 500, 0.0);
    paced.addAccount(ACCOUNT, ACCOUNT_KEY, "co", null, null);
    String temp = paced.handle("getAccountkey", signed(ACCOUNT, ACCOUNT_KEY, Map.of("account_identify", ACCOUNT)))
        .getString("key_temp");
    String session = paced.handle("createConference", signed(ACCOUNT, temp, Map.of("caller", "13800000000",
        "phones", "13900000001", "account_identify", ACCOUNT, "userId", "u1"))).getString("sessionId");
    JsonObject a = paced.handle("endConference", Map.of("sessionid", session));
    assertThat(a.getString("result")).isEqualTo(Refused.CALLER_NOT_ANSWERED);
    assertThat(a.getString("describe")).contains("not answered");
  }

  @Test
  void anUnknownSessionIsRefused() {
    assertThat(platform.handle("endConference", Map.of("sessionid", "nope")).getString("result"))
        .isEqualTo(Refused.UNKNOWN_SESSION);
  }
}
