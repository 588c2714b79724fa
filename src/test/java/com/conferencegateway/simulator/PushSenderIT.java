package com.conferencegateway.simulator;

import static com.conferencegateway.simulator.SimulatorHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's pushes against a real receiver: retried on 503 and non-success codes, never after success. */
class PushSenderIT {
  private Vertx vertx;
  private HttpServer receiver;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int failFirst;
  private volatile String failBody = "";

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    receiver = await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      int n = requests.incrementAndGet();
      if (n <= failFirst) {
        if (failBody.isEmpty()) {
          req.response().setStatusCode(503).end();
        } else {
          req.response().end(failBody);
        }
      } else {
        req.response().end(req.path().endsWith("cdr") ? "{\"code\":\"0000\",\"desc\":\"success\"}"
            : "{\"result\":\"0\",\"describe\":\"success\"}");
      }
    })).listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  private PushSender sender() {
    return new PushSender(vertx, WebClient.create(vertx), new SimulatorFaults(), 10);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + receiver.actualPort() + path;
  }

  @Test
  void aPushAnswered503TwiceIsSentThreeTimesThenNoMore() throws Exception {
    failFirst = 2;
    PushSender sender = sender();
    await(sender.push("s", url("/platform/status"), () -> new JsonObject().put("data", 1), false));
    assertThat(requests.get()).isEqualTo(3);
    assertThat(sender.delivered()).isEqualTo(1);
    // Never retried after success: still 3 requests for the next half second.
    org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(500)).atMost(java.time.Duration.ofSeconds(2))
        .until(() -> requests.get() == 3);
  }

  @Test
  void aCdrPushAnsweredWithANonSuccessCodeIsRetried() throws Exception {
    failFirst = 1;
    failBody = "{\"code\":\"9999\",\"desc\":\"busy\"}";
    await(sender().push("s", url("/platform/cdr"), () -> new JsonObject(), true));
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void aSuccessfulPushIsSentOnce() throws Exception {
    await(sender().push("s", url("/platform/status"), () -> new JsonObject(), false));
    assertThat(requests.get()).isEqualTo(1);
  }
}
