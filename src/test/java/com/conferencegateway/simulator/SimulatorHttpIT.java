package com.conferencegateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Http;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.platform.Signature;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator over HTTP: POST forms as well as GET queries, its admin API, and running on its own. */
class SimulatorHttpIT {

  @Test
  void aCallPostedAsAFormIsCheckedLikeAGetAndTheAdminApiShowsIt() throws Exception {
    try (SimulatorHarness sim = new SimulatorHarness(Vertx.vertx(), null, null, 0)) {
      String ts = Long.toString(System.currentTimeMillis());
      String form = "account_identify=" + SimulatorHarness.ACCOUNT + "&timestamp=" + ts + "&sign="
          + URLEncoder.encode(Signature.sign(SimulatorHarness.ACCOUNT, SimulatorHarness.ACCOUNT_KEY, ts), StandardCharsets.UTF_8);
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(sim.baseUrl() + "/getAccountkey.do"))
          .header("content-type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(new JsonObject(r.body()).getString("result")).isEqualTo("0");
      Http.Answer wrong = Http.get(sim.baseUrl() + "/getAccountkey.do?account_identify=" + SimulatorHarness.ACCOUNT
          + "&timestamp=" + ts + "&sign=0000");
      assertThat(wrong.json().getString("result")).isEqualTo(Refused.SIGN_MISMATCH);

      String admin = "http://127.0.0.1:" + sim.verticle.actualPort() + "/admin";
      assertThat(Http.get(admin + "/calls").json().getJsonArray("calls")).hasSize(2);
      Http.post(admin + "/faults", "{\"failNext\":1,\"failStatus\":503}");
      assertThat(Http.get(sim.baseUrl() + "/endConference.do?sessionid=1").status()).isEqualTo(503);
      assertThat(Http.get(admin + "/state").json().getJsonObject("faults").getInteger("failNext")).isZero();
    }
  }

  @Test
  void theSimulatorRunsOnItsOwnFromTheJar(@TempDir Path dir) throws Exception {
    int port = KafkaBroker.freePort();
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target", "conference-gateway.jar").toAbsolutePath().toString(), "simulator", "--port",
        String.valueOf(port)).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sim.log").toFile()).start();
    try {
      Http.Answer state = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        state = Http.get("http://127.0.0.1:" + port + "/admin/state");
        if (state.status() == 200) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(state.status()).isEqualTo(200);
      assertThat(state.json().getJsonArray("accounts").size()).isEqualTo(2);
      assertThat(Http.get("http://127.0.0.1:" + port + "/httpIntf/endConference.do?sessionid=9").json()
          .getString("result")).isEqualTo(Refused.UNKNOWN_SESSION);
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

}
