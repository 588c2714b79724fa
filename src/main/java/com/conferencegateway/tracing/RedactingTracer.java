package com.conferencegateway.tracing;

import io.vertx.core.Context;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Vert.x's OpenTelemetry tracer with every URL's query string cut from the span's attributes: the push
 * token travels as {@code ?token=}, and a span must never carry a secret.
 */
final class RedactingTracer implements VertxTracer<Object, Object> {
  private static final Set<String> URL_TAGS = Set.of("http.url", "url.full", "url.query", "http.target");

  private final VertxTracer<Object, Object> delegate;

  private RedactingTracer(VertxTracer<Object, Object> delegate) {
    this.delegate = delegate;
  }

  /** The factory Vert.x is built with: OpenTelemetry's tracer, redacted. */
  static VertxTracerFactory factory(io.opentelemetry.api.OpenTelemetry openTelemetry) {
    OpenTelemetryTracingFactory otel = new OpenTelemetryTracingFactory(openTelemetry);
    return new VertxTracerFactory() {
      @Override
      @SuppressWarnings("unchecked")
      public VertxTracer<?, ?> tracer(TracingOptions options) {
        return new RedactingTracer((VertxTracer<Object, Object>) otel.tracer(options));
      }

      @Override
      public TracingOptions newOptions() {
        return otel.newOptions();
      }
    };
  }

  static String redact(String name, String value) {
    if (value == null || !URL_TAGS.contains(name)) {
      return value;
    }
    if (name.equals("url.query")) {
      return "";
    }
    int q = value.indexOf('?');
    return q < 0 ? value : value.substring(0, q);
  }

  static <T> TagExtractor<T> redacted(TagExtractor<T> tags) {
    return new TagExtractor<>() {
      @Override
      public int len(T obj) {
        return tags.len(obj);
      }

      @Override
      public String name(T obj, int index) {
        return tags.name(obj, index);
      }

      @Override
      public String value(T obj, int index) {
        return redact(tags.name(obj, index), tags.value(obj, index));
      }
    };
  }

  @Override
  public <R> Object receiveRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
      Iterable<Map.Entry<String, String>> headers, TagExtractor<R> tagExtractor) {
    return delegate.receiveRequest(context, kind, policy, request, operation, headers, redacted(tagExtractor));
  }

  @Override
  public <R> void sendResponse(Context context, R response, Object payload, Throwable failure,
      TagExtractor<R> tagExtractor) {
    delegate.sendResponse(context, response, payload, failure, redacted(tagExtractor));
  }

  @Override
  public <R> Object sendRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
      BiConsumer<String, String> headers, TagExtractor<R> tagExtractor) {
    return delegate.sendRequest(context, kind, policy, request, operation, headers, redacted(tagExtractor));
  }

  @Override
  public <R> void receiveResponse(Context context, R response, Object payload, Throwable failure,
      TagExtractor<R> tagExtractor) {
    delegate.receiveResponse(context, response, payload, failure, redacted(tagExtractor));
  }

  @Override
  public void close() {
    delegate.close();
  }
}
