package com.conferencegateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.platform.CallTracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spans and trace context through the SDK's in-memory exporter: no broker, no server. */
class TracingTest {
  private static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final Tracing tracing = Tracing.with(OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build());

  @Test
  void aCommandContinuesItsRecordsTraceAndItsPlatformCallIsAChildCarryingIt() {
    Tracing.CommandSpan command = tracing.command("conference.command", "conference.create", "c-1", PARENT);
    assertThat(Traceparent.traceId(command.traceparent())).isEqualTo(Traceparent.traceId(PARENT));
    CallTracing.CallSpan call = tracing.calls().start("createConference", command.traceparent());
    assertThat(Traceparent.traceId(call.traceparent())).isEqualTo(Traceparent.traceId(PARENT));
    assertThat(call.traceparent()).isNotEqualTo(command.traceparent());
    call.end(200, "0", null);
    command.end("succeeded", null);

    List<SpanData> spans = exported.getFinishedSpanItems();
    assertThat(spans).hasSize(2);
    SpanData callSpan = spans.get(0);
    SpanData commandSpan = spans.get(1);
    assertThat(commandSpan.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(commandSpan.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(callSpan.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(callSpan.getParentSpanId()).isEqualTo(commandSpan.getSpanId());
    assertThat(callSpan.getName()).isEqualTo("createConference");
    assertThat(callSpan.getAttributes().asMap().values()).contains("0", 200L);
    assertThat(commandSpan.getAttributes().asMap().values()).contains("conference.create", "c-1", "succeeded");
  }

  @Test
  void aCommandWithoutATraceparentStartsATrace() {
    Tracing.CommandSpan command = tracing.command("conference.command", "conference.end", "c-2", null);
    assertThat(Traceparent.valid(command.traceparent())).isTrue();
    command.end("failed", "OUTCOME_UNKNOWN");
    SpanData span = exported.getFinishedSpanItems().get(0);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
  }

  @Test
  void withTracingOffNoSpanIsMadeAndCommandsStillCarryATrace() {
    Tracing off = Tracing.off();
    assertThat(off.exporting()).isFalse();
    assertThat(off.vertxTracerFactory()).isNull();
    assertThat(off.command("t", "conference.create", "c", PARENT).traceparent()).isEqualTo(PARENT);
    String made = off.command("t", "conference.create", "c", null).traceparent();
    assertThat(Traceparent.valid(made)).isTrue();
    assertThat(off.command("t", "conference.create", "c", "not-a-traceparent").traceparent()).isNotEqualTo(made)
        .matches(Traceparent::valid);
    assertThat(off.calls().start("createConference", PARENT).traceparent()).isEqualTo(PARENT);
  }

  @Test
  void spansAreExportedOnlyWhenAnExporterIsNamed() {
    assertThat(Tracing.exporterNamed(Map.of())).isFalse();
    assertThat(Tracing.exporterNamed(Map.of("OTEL_SERVICE_NAME", "gw"))).as("a name exports nothing").isFalse();
    assertThat(Tracing.exporterNamed(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isTrue();
    assertThat(Tracing.exporterNamed(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/v1/traces"))).isTrue();
    assertThat(Tracing.exporterNamed(Map.of("OTEL_TRACES_EXPORTER", "none",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isFalse();
    assertThat(Tracing.exporterNamed(Map.of("OTEL_SDK_DISABLED", "true",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"))).isFalse();
    assertThat(Tracing.fromEnvironment(Map.of()).exporting()).isFalse();
  }

  @Test
  void urlsInSpansLoseTheirQueryWhereThePushTokenTravels() {
    assertThat(RedactingTracer.redact("http.url", "http://gw:8080/platform/status?token=s3cret")).isEqualTo(
        "http://gw:8080/platform/status");
    assertThat(RedactingTracer.redact("url.full", "/platform/cdr?token=s3cret&x=1")).isEqualTo("/platform/cdr");
    assertThat(RedactingTracer.redact("url.query", "token=s3cret")).isEmpty();
    assertThat(RedactingTracer.redact("url.path", "/platform/cdr")).isEqualTo("/platform/cdr");
  }
}
