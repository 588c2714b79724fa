package com.conferencegateway.kafka;

import java.util.Map;

/**
 * What the Kafka clients are built from: the cluster, and the operator's pass-through properties,
 * common to every client and per client. Secrets may be among them: only the cluster is printed.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> common, Map<String, String> producer,
    Map<String, String> consumer, Map<String, String> admin) {

  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers=" + bootstrapServers + "]";
  }
}
