package com.conferencegateway.ingress;

import com.conferencegateway.support.CidrSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push server the platform reaches: two endpoints wired to {@link PushIngress}. It admits the
 * source, reads the body up to the limit, checks the token, undoes the encoding ({@link PushBody})
 * and answers with what the ingress decided. Two routes need no router: the path is matched here.
 */
public final class PushVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PushVerticle.class);

  private final PushVerticleSettings settings;
  private final PushIngress ingress;
  private final PushToken token;
  private final PushMetrics metrics;
  private final CidrSet allowlist;
  private final SourceLimits limits;
  private final ConnectionGuard guard;
  // Connections over the per-source limit: their request gets a 429 and the connection is closed.
  private final Set<HttpConnection> overLimit = new HashSet<>();
  private HttpServer server;
  private long sweeper;

  public PushVerticle(PushVerticleSettings settings, PushIngress ingress, MeterRegistry registry, SourceLimits limits) {
    this.settings = settings;
    this.ingress = ingress;
    this.token = new PushToken(settings.pushToken());
    this.metrics = new PushMetrics(registry);
    this.allowlist = new CidrSet(settings.allowedSources());
    this.limits = limits;
    this.guard = new ConnectionGuard(settings.headerTimeoutSeconds() * 1000L, settings.bodyTimeoutSeconds() * 1000L,
        System::nanoTime);
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setIdleTimeout(settings.idleTimeoutSeconds())
        .setMaxHeaderSize(settings.maxHeaderBytes())
        .setMaxInitialLineLength(8 * 1024)
        // A span per push, received to answered (after Kafka's acknowledgement), when spans are exported.
        .setTracingPolicy(settings.tracing());
    if (settings.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(settings.tlsCertFile()).setKeyPath(settings.tlsKeyFile()));
    }
    sweeper = vertx.setPeriodic(guard.sweepEveryMs(), id -> guard.overdue().forEach(late -> {
      LOG.info("Connection from {} closed: {}", late.getKey().remoteAddress(), late.getValue());
      late.getKey().close();
    }));
    return vertx.createHttpServer(options)
        .connectionHandler(this::connected)
        .requestHandler(this::request)
        .listen(settings.port(), settings.host())
        .onSuccess(s -> server = s);
  }

  /** Too many connections from one source are refused; the others are watched for slow clients. */
  private void connected(HttpConnection connection) {
    String source = connection.remoteAddress() == null ? "?" : connection.remoteAddress().hostAddress();
    if (!limits.tryConnect(source)) {
      LOG.info("Connection from {} refused: too many open connections from that source", source);
      overLimit.add(connection);
      connection.closeHandler(v -> overLimit.remove(connection));
      return;
    }
    guard.opened(connection);
    connection.closeHandler(v -> {
      limits.closed(source);
      guard.closed(connection);
    });
  }

  private void request(HttpServerRequest request) {
    HttpConnection connection = request.connection();
    Endpoint endpoint = Endpoint.of(request.path());
    if (overLimit.contains(connection)) {
      PushAnswer answer = new PushAnswer(PushCode.RATE_LIMITED, "too many connections from "
          + request.remoteAddress().hostAddress() + "; reuse a kept-alive connection");
      respond(request, Endpoint.guess(request.path()), answer).putHeader("Connection", "close")
          .end(Endpoint.guess(request.path()).answer(answer)).onComplete(ar -> connection.close());
      return;
    }
    guard.requestStarted(connection, request);
    request.response().endHandler(v -> {
      if (!request.response().closed()) {
        guard.requestAnswered(connection);
      }
    });
    if (endpoint == null) {
      request.response().setStatusCode(404).end("Resource not found");
      return;
    }
    if (request.method() != HttpMethod.POST) {
      request.response().setStatusCode(405).putHeader("Allow", "POST").end("Method not allowed");
      return;
    }
    new Exchange(request, endpoint).begin();
  }

  /** One push: from its headers to its answer. */
  private final class Exchange {
    private final HttpServerRequest request;
    private final Endpoint endpoint;
    private final long startNanos = System.nanoTime();
    private Buffer body;
    private boolean answered;

    Exchange(HttpServerRequest request, Endpoint endpoint) {
      this.request = request;
      this.endpoint = endpoint;
    }

    void begin() {
      metrics.received(endpoint);
      String source = request.remoteAddress() == null ? "?" : request.remoteAddress().hostAddress();
      if (!allowlist.admits(source)) {
        answer(new PushAnswer(PushCode.SOURCE_NOT_ALLOWED, "pushes from " + source + " are not allowed"));
        return;
      }
      if (!limits.tryRequest(source)) {
        answer(new PushAnswer(PushCode.RATE_LIMITED, "too many pushes from " + source + "; slow down"));
        return;
      }
      long declared = contentLength();
      if (declared > settings.maxBodyBytes()) {
        answer(tooLarge());
        return;
      }
      body = Buffer.buffer((int) Math.max(64, Math.min(declared, settings.maxBodyBytes())));
      // Refused once past the limit while it streams in: never buffered whole.
      request.handler(chunk -> {
        if (answered) {
          return;
        }
        if (body.length() + chunk.length() > settings.maxBodyBytes()) {
          answer(tooLarge());
        } else {
          body.appendBuffer(chunk);
        }
      });
      request.endHandler(v -> {
        if (!answered) {
          decide();
        }
      });
    }

    private long contentLength() {
      String header = request.getHeader("Content-Length");
      try {
        return header == null ? 0 : Long.parseLong(header.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    private PushAnswer tooLarge() {
      return new PushAnswer(PushCode.BODY_TOO_LARGE, "the body is larger than " + settings.maxBodyBytes() + " bytes");
    }

    private void decide() {
      Future<PushAnswer> decided;
      try {
        token.check(request.getParam("token"));
        byte[] decoded = PushBody.decode(body.getBytes(), request.getHeader("Content-Type"),
            request.getHeader("Content-Encoding"), settings.maxBodyBytes());
        String traceparent = request.getHeader("traceparent");
        decided = endpoint == Endpoint.STATUS ? ingress.status(decoded, traceparent) : ingress.cdrs(decoded, traceparent);
      } catch (RuntimeException e) {
        decided = Future.failedFuture(e);
      }
      decided.onComplete(ar -> answer(ar.succeeded() ? ar.result() : failureAnswer(ar.cause())));
    }

    private PushAnswer failureAnswer(Throwable failure) {
      PushAnswer typed = PushAnswer.forFailure(failure);
      if (typed != null) {
        return typed;
      }
      LOG.error("Push to {} failed unexpectedly", endpoint.path, failure);
      return new PushAnswer(PushCode.NOT_DURABLE, "internal error; nothing was accepted, retry later");
    }

    private void answer(PushAnswer answer) {
      if (answered || request.response().ended()) {
        return;
      }
      answered = true;
      metrics.answered(endpoint, answer, startNanos);
      if (answer.code().httpStatus() >= 400 && answer.code() != PushCode.NOT_DURABLE
          && answer.code() != PushCode.RATE_LIMITED) {
        LOG.info("Push to {} refused: {} {}", endpoint.path, answer.code().cdrCode(), answer.message());
      }
      respond(request, endpoint, answer).end(endpoint.answer(answer));
    }
  }

  private HttpServerResponse respond(HttpServerRequest request, Endpoint endpoint, PushAnswer answer) {
    HttpServerResponse response = request.response().setStatusCode(answer.code().httpStatus())
        .putHeader("content-type", "application/json;charset=UTF-8");
    if (answer.code() == PushCode.NOT_DURABLE) {
      response.putHeader("Retry-After", String.valueOf(settings.retryAfterSeconds()));
    } else if (answer.code() == PushCode.RATE_LIMITED) {
      response.putHeader("Retry-After", String.valueOf(limits.retryAfterSeconds()));
    }
    return response;
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Stops accepting connections, lets the pushes in flight get their answers, then closes. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweeper);
    return server == null ? Future.succeededFuture() : server.shutdown(settings.drainMs(), TimeUnit.MILLISECONDS);
  }
}
