package com.conferencegateway.platform;

import io.netty.handler.codec.http.QueryStringEncoder;
import io.vertx.core.Expectation;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Sends one call to the platform: GET {@code <base>/<call>.do} with every parameter URL-encoded
 * (UTF-8), signed when a key is given. A failure comes out as one of three types, by what the
 * platform may have done:
 * <ul>
 *   <li>{@link RetryableFailure}: certainly not carried out (no connection could be opened; HTTP
 *       429, 502, 503);
 *   <li>{@link OutcomeUnknown}: perhaps carried out (sent, then no answer in time or the connection
 *       lost; HTTP 500, 504 and other 5xx);
 *   <li>{@link PlatformRejected}: refused (other 4xx).
 * </ul>
 * The request is sent in two steps so that the first one, obtaining a connection, tells for sure
 * that nothing reached the platform. A non-"0" result is an answer, not a failure.
 */
public final class PlatformClient {
  private final HttpClient http;
  private final String baseUrl;
  private final TimestampFormat timestamps;
  private final long timeoutMs;
  private final long connectionWaitMs;
  private final Clock clock;
  private final CallTracing tracing;

  public PlatformClient(HttpClient http, String baseUrl, TimestampFormat timestamps, long timeoutMs, Clock clock) {
    this(http, baseUrl, timestamps, timeoutMs, timeoutMs, clock, CallTracing.NONE);
  }

  /**
   * {@code connectionWaitMs}: how long a call may wait for a pooled connection (connecting included).
   * With more calls in flight than connections, calls queue for one; that wait must outlast the
   * calls ahead, or a busy but healthy platform fails calls that were never sent.
   */
  public PlatformClient(HttpClient http, String baseUrl, TimestampFormat timestamps, long timeoutMs,
      long connectionWaitMs, Clock clock) {
    this(http, baseUrl, timestamps, timeoutMs, connectionWaitMs, clock, CallTracing.NONE);
  }

  /** {@code tracing}: each call's span, and the traceparent it carries. */
  public PlatformClient(HttpClient http, String baseUrl, TimestampFormat timestamps, long timeoutMs,
      long connectionWaitMs, Clock clock, CallTracing tracing) {
    this.http = http;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timestamps = timestamps;
    this.timeoutMs = timeoutMs;
    this.connectionWaitMs = connectionWaitMs;
    this.clock = clock;
    this.tracing = tracing;
  }

  /** {@code key} null: the call is sent unsigned (conferenceAdd, conferenceMinus, endConference). */
  public Future<PlatformAnswer> send(PlatformCall call, String key, String traceparent) {
    // The request's timeouts: getting a connection, then silence after sending (an answer is one small body).
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri(call, key))
        .setConnectTimeout(connectionWaitMs).setIdleTimeout(timeoutMs);
    CallTracing.CallSpan span = tracing.start(call.name(), traceparent);
    if (span.traceparent() != null) {
      options.putHeader("traceparent", span.traceparent());
    }
    return http.request(options)
        .recover(e -> Future.failedFuture(new RetryableFailure(
            call.name() + ": no connection to the platform could be opened (" + e.getClass().getSimpleName() + ")",
            0, e)))
        .compose(request -> exchange(call, request))
        .expecting(answered(call.name()))
        .map(reply -> PlatformAnswer.parse(reply.body().toString(StandardCharsets.UTF_8)))
        .onComplete(ar -> span.end(ar.succeeded() ? 200 : 0, ar.succeeded() ? ar.result().result() : null, ar.cause()));
  }

  /** From here on the request may have reached the platform: whatever goes wrong leaves the outcome unknown. */
  private Future<Reply> exchange(PlatformCall call, HttpClientRequest request) {
    return request.send()
        .compose(response -> response.body()
            .map(body -> new Reply(response.statusCode(), response.getHeader("Retry-After"), body)))
        .recover(e -> {
          request.reset();
          return Future.failedFuture(new OutcomeUnknown(call.name(), call.name()
              + ": the request was sent but no answer came (" + e.getClass().getSimpleName() + ")", 0, e));
        });
  }

  private String uri(PlatformCall call, String key) {
    QueryStringEncoder query = new QueryStringEncoder(baseUrl + "/" + call.name() + ".do", StandardCharsets.UTF_8);
    for (Map.Entry<String, String> p : call.params().entrySet()) {
      if (p.getValue() != null) {
        query.addParam(p.getKey(), p.getValue());
      }
    }
    if (key != null) {
      String timestamp = timestamps.now(clock);
      query.addParam("timestamp", timestamp);
      query.addParam("sign", Signature.sign(call.signingId(), key, timestamp));
    }
    return query.toString();
  }

  /** What came back, read whole. */
  record Reply(int status, String retryAfter, Buffer body) {}

  /** 2xx is an answer; every other status becomes the failure type that says what the platform may have done. */
  private static Expectation<Reply> answered(String call) {
    return new Expectation<>() {
      @Override
      public boolean test(Reply reply) {
        return reply.status() >= 200 && reply.status() < 300;
      }

      @Override
      public Throwable describe(Reply reply) {
        int status = reply.status();
        long retryAfter = retryAfterMs(reply.retryAfter());
        if (status == 429 || status == 502 || status == 503) {
          return new RetryableFailure(call + ": the platform answered HTTP " + status, retryAfter, null);
        }
        if (status >= 500) {
          return new OutcomeUnknown(call, call + ": the platform answered HTTP " + status
              + "; it may have carried the call out", retryAfter, null);
        }
        return new PlatformRejected(call + ": the platform refused the request with HTTP " + status, status);
      }
    };
  }

  static long retryAfterMs(String header) {
    if (header == null || !header.strip().matches("\\d{1,6}")) {
      return 0;
    }
    return Long.parseLong(header.strip()) * 1000;
  }
}
