package com.conferencegateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * One Prometheus registry per gateway: Vert.x's HTTP and pool metrics, the Kafka clients' own
 * metrics, JVM metrics, and the gateway's counters. /metrics scrapes it.
 */
public final class GatewayMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<KafkaClientMetrics> kafkaBinders = new ArrayList<>();

  public GatewayMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public String scrape() {
    return registry.scrape();
  }

  public MicrometerMetricsFactory vertxMetricsFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  public MicrometerMetricsOptions vertxMetricsOptions() {
    // Vert.x's per-request HTTP server meters cost more than the rest of a push's bookkeeping; the
    // gateway's own gateway_push_* meters count and time every push by endpoint, outcome and code.
    return (MicrometerMetricsOptions) new MicrometerMetricsOptions()
        .setLabels(EnumSet.of(Label.LOCAL, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME))
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
        .setEnabled(true);
  }

  public synchronized void bindKafkaProducer(Producer<?, ?> producer) {
    bind(new KafkaClientMetrics(producer));
  }

  public synchronized void bindKafkaConsumer(Consumer<?, ?> consumer) {
    bind(new KafkaClientMetrics(consumer));
  }

  private void bind(KafkaClientMetrics binder) {
    binder.bindTo(registry);
    kafkaBinders.add(binder);
  }

  @Override
  public synchronized void close() {
    kafkaBinders.forEach(KafkaClientMetrics::close);
    kafkaBinders.clear();
    registry.close();
  }
}
