package com.conferencegateway.platform;

import io.vertx.core.Expectation;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.util.Map;

/**
 * Sends one call to the platform: GET {@code <base>/<call>.do} with every parameter URL-encoded
 * (UTF-8), signed when a key is given. Failures come out typed: {@link RetryableFailure} for what
 * may pass, {@link PlatformRejected} for what will not. A non-"0" result is an answer, not a failure.
 */
public final class PlatformClient {
  private final WebClient web;
  private final String baseUrl;
  private final TimestampFormat timestamps;
  private final long timeoutMs;
  private final Clock clock;

  public PlatformClient(WebClient web, String baseUrl, TimestampFormat timestamps, long timeoutMs, Clock clock) {
    this.web = web;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timestamps = timestamps;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
  }

  /** {@code key} null: the call is sent unsigned (conferenceAdd, conferenceMinus, endConference). */
  public Future<PlatformAnswer> send(PlatformCall call, String key, String traceparent) {
    HttpRequest<Buffer> request = web.getAbs(baseUrl + "/" + call.name() + ".do").timeout(timeoutMs);
    for (Map.Entry<String, String> p : call.params().entrySet()) {
      if (p.getValue() != null) {
        request.addQueryParam(p.getKey(), p.getValue());
      }
    }
    if (key != null) {
      String timestamp = timestamps.now(clock);
      request.addQueryParam("timestamp", timestamp);
      request.addQueryParam("sign", Signature.sign(call.signingId(), key, timestamp));
    }
    if (traceparent != null) {
      request.putHeader("traceparent", traceparent);
    }
    return request.send()
        .recover(e -> Future.failedFuture(new RetryableFailure(
            call.name() + ": the platform could not be reached (" + e.getClass().getSimpleName() + ")", 0, e)))
        .expecting(ANSWERED)
        .map(response -> PlatformAnswer.parse(response.bodyAsString()));
  }

  /** 2xx is an answer; 5xx and 429 may pass; any other status is the platform refusing the request. */
  private static final Expectation<HttpResponse<Buffer>> ANSWERED = new Expectation<>() {
    @Override
    public boolean test(HttpResponse<Buffer> response) {
      return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    @Override
    public Throwable describe(HttpResponse<Buffer> response) {
      int status = response.statusCode();
      if (status >= 500 || status == 429) {
        return new RetryableFailure("the platform answered HTTP " + status, retryAfterMs(response), null);
      }
      return new PlatformRejected("the platform refused the request with HTTP " + status, status);
    }
  };

  static long retryAfterMs(HttpResponse<Buffer> response) {
    String header = response.getHeader("Retry-After");
    if (header == null || !header.strip().matches("\\d{1,6}")) {
      return 0;
    }
    return Long.parseLong(header.strip()) * 1000;
  }
}
