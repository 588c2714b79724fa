package com.conferencegateway.simulator;

import com.conferencegateway.kafka.KafkaBroker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** A simulator on a free port, for tests of what talks to the platform. */
public final class SimulatorHarness implements AutoCloseable {
  public static final String APP = "TESTAPP00000000000000000000000001";
  public static final String APP_KEY = "test-app-key";
  public static final String ACCOUNT = "TEST-ACCOUNT-1";
  public static final String ACCOUNT_KEY = "test-account-key";

  public final Vertx vertx;
  public final SimulatorVerticle verticle;

  public SimulatorHarness(Vertx vertx, String statusUrl, String recordUrl, long pacingMs) throws Exception {
    this.vertx = vertx;
    this.verticle = new SimulatorVerticle(new SimulatorSettings("127.0.0.1", KafkaBroker.freePort(), APP, APP_KEY, 5,
        pacingMs, 0.0, 600), platform -> platform.addAccount(ACCOUNT, ACCOUNT_KEY, "co", statusUrl, recordUrl));
    await(vertx.deployVerticle(verticle));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + verticle.actualPort() + "/httpIntf";
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}
