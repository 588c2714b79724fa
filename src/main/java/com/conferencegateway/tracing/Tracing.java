package com.conferencegateway.tracing;

import com.conferencegateway.platform.CallTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.tracing.TracingPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry tracing, configured by the standard {@code OTEL_*} variables (endpoint, service name,
 * sampler, ...). It exports only when an exporter is named ({@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}, or {@code OTEL_TRACES_EXPORTER} other than {@code none});
 * otherwise no span is made, nothing is sent anywhere, and commands still carry a W3C
 * {@code traceparent} (theirs, or a new trace) to their platform call and their result.
 *
 * <p>Spans: a push (Vert.x's tracer on the push server, the URL's query cut), a command from consumed to
 * its result published, each platform call. Their attributes name calls, topics, types and ids, never a
 * token, a key, a {@code sign}, a phone number or {@code authData}.
 */
public final class Tracing {
  private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
  private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  private static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
  private static final AttributeKey<String> COMMAND_TYPE = AttributeKey.stringKey("conference.command.type");
  private static final AttributeKey<String> COMMAND_ID = AttributeKey.stringKey("conference.command.id");
  private static final AttributeKey<String> COMMAND_STATUS = AttributeKey.stringKey("conference.command.status");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> PLATFORM_CALL = AttributeKey.stringKey("platform.call");
  private static final AttributeKey<String> PLATFORM_RESULT = AttributeKey.stringKey("platform.result");
  private static final TextMapGetter<String> HEADER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(String carrier) {
      return List.of("traceparent");
    }

    @Override
    public String get(String carrier, String key) {
      return "traceparent".equals(key) ? carrier : null;
    }
  };

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final boolean exporting;
  private final OpenTelemetrySdk sdk;

  Tracing(OpenTelemetry openTelemetry, boolean exporting, OpenTelemetrySdk sdk) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("conference-gateway");
    this.exporting = exporting;
    this.sdk = sdk;
  }

  /** No spans; traceparents still carried. */
  public static Tracing off() {
    return new Tracing(OpenTelemetry.noop(), false, null);
  }

  /** Spans made and exported as the OTEL_* variables of {@code env} say; {@link #off()} when they name no exporter. */
  public static Tracing fromEnvironment(Map<String, String> env) {
    if (!exporterNamed(env)) {
      return off();
    }
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", "conference-gateway");
    // OTLP over HTTP (port 4318) unless told otherwise: the gateway ships the JDK's HTTP sender, not gRPC.
    defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
    // Only traces: metrics are Prometheus's, on /metrics.
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .build().getOpenTelemetrySdk();
    return new Tracing(sdk, true, sdk);
  }

  /** For tests: spans into {@code openTelemetry} (an SDK with an in-memory exporter). */
  public static Tracing with(OpenTelemetry openTelemetry) {
    return new Tracing(openTelemetry, true, null);
  }

  static boolean exporterNamed(Map<String, String> env) {
    if ("true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"))) {
      return false;
    }
    String exporter = env.get("OTEL_TRACES_EXPORTER");
    if (exporter != null && !exporter.isBlank()) {
      return !exporter.strip().equalsIgnoreCase("none");
    }
    return notBlank(env.get("OTEL_EXPORTER_OTLP_ENDPOINT")) || notBlank(env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  public boolean exporting() {
    return exporting;
  }

  /** Vert.x's tracer (HTTP servers and clients), or null when not exporting: then Vert.x traces nothing. */
  public VertxTracerFactory vertxTracerFactory() {
    return exporting ? RedactingTracer.factory(openTelemetry) : null;
  }

  /** The push server's policy: a span per push when exporting. Every other server and client: IGNORE. */
  public TracingPolicy pushServerPolicy() {
    return exporting ? TracingPolicy.ALWAYS : TracingPolicy.IGNORE;
  }

  /** A command's trace, from consumed to its result published. */
  public interface CommandSpan {
    /** What its platform calls and its result records carry. */
    String traceparent();

    void end(String status, String errorCode);
  }

  /** {@code header}: the command record's traceparent, or null. */
  public CommandSpan command(String topic, String type, String commandId, String header) {
    if (!exporting) {
      String traceparent = Traceparent.orNew(header);
      return new CommandSpan() {
        @Override
        public String traceparent() {
          return traceparent;
        }

        @Override
        public void end(String status, String errorCode) {
        }
      };
    }
    Context parent = Traceparent.valid(header)
        ? W3CTraceContextPropagator.getInstance().extract(Context.root(), header, HEADER) : Context.root();
    Span span = tracer.spanBuilder(topic + " process").setSpanKind(SpanKind.CONSUMER).setParent(parent)
        .setAttribute(MESSAGING_SYSTEM, "kafka").setAttribute(DESTINATION, topic).setAttribute(OPERATION_TYPE, "process")
        .setAttribute(COMMAND_TYPE, type).setAttribute(COMMAND_ID, commandId).startSpan();
    String traceparent = traceparent(span);
    return new CommandSpan() {
      @Override
      public String traceparent() {
        return traceparent;
      }

      @Override
      public void end(String status, String errorCode) {
        span.setAttribute(COMMAND_STATUS, status);
        if (errorCode != null) {
          span.setAttribute(ERROR_TYPE, errorCode).setStatus(StatusCode.ERROR, errorCode);
        }
        span.end();
      }
    };
  }

  /** Platform calls: a client span each, child of the command's, whose traceparent the call carries. */
  public CallTracing calls() {
    if (!exporting) {
      return CallTracing.NONE;
    }
    return (call, traceparent) -> {
      Context parent = Traceparent.valid(traceparent)
          ? W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, HEADER) : Context.root();
      Span span = tracer.spanBuilder(call).setSpanKind(SpanKind.CLIENT).setParent(parent)
          .setAttribute(METHOD, "GET").setAttribute(PLATFORM_CALL, call).startSpan();
      String header = traceparent(span);
      return new CallTracing.CallSpan() {
        @Override
        public String traceparent() {
          return header;
        }

        @Override
        public void end(int status, String result, Throwable failure) {
          if (status > 0) {
            span.setAttribute(STATUS_CODE, (long) status);
          }
          if (result != null) {
            span.setAttribute(PLATFORM_RESULT, result);
          }
          if (failure != null) {
            // The failure's type, never its message: messages may name what a span must not carry.
            span.setAttribute(ERROR_TYPE, failure.getClass().getSimpleName()).setStatus(StatusCode.ERROR);
          }
          span.end();
        }
      };
    };
  }

  private static String traceparent(Span span) {
    Map<String, String> carrier = new HashMap<>(2);
    W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
    return carrier.get("traceparent");
  }

  /** Sends what is buffered; blocking (up to 5 s), so called at stop from a worker. */
  public void close() {
    if (sdk != null) {
      sdk.shutdown().join(5, TimeUnit.SECONDS);
    }
  }
}
