package com.conferencegateway.config;

import java.net.URI;
import java.util.Base64;
import java.util.Set;

/** Checks values that bind but make no sense; the first problem stops the start. */
final class ConfigValidator {
  /** 10,000,000 detailIds take some 500 MB of heap. */
  private static final int MAX_DEDUP_ENTRIES = 10_000_000;

  static final Set<String> TIMESTAMP_FORMATS = Set.of("yyyyMMddHHmmss", "epochMillis");
  /** The contract's command types, in its order. */
  static final java.util.List<String> COMMAND_TYPES = java.util.List.of("conference.create", "conference.add",
      "conference.remove", "conference.end", "account.register", "account.recharge", "account.refreshKey");

  private ConfigValidator() {}

  static void validate(GatewayConfig c) {
    roles(c.gateway().roles());
    port("gateway.httpPort", c.gateway().httpPort());
    port("gateway.managementPort", c.gateway().managementPort());
    port("gateway.queryPort", c.gateway().queryPort());
    if (c.gateway().httpPort() != 0 && c.gateway().httpPort() == c.gateway().managementPort()) {
      throw new InvalidConfig("gateway.managementPort",
          "must differ from gateway.httpPort: health and metrics stay off the push port");
    }
    if (c.gateway().queryPort() != 0 && (c.gateway().queryPort() == c.gateway().managementPort()
        || c.gateway().queryPort() == c.gateway().httpPort())) {
      throw new InvalidConfig("gateway.queryPort", "must differ from gateway.httpPort and gateway.managementPort: "
          + "queries have a port of their own");
    }
    for (String token : c.gateway().queryTokens()) {
      if (token.isBlank()) {
        throw new InvalidConfig("gateway.queryTokens", "a token is blank; give comma-separated tokens, none empty");
      }
    }
    positive("gateway.queryMaxEventStreams", c.gateway().queryMaxEventStreams());
    port("simulator.port", c.simulator().port());
    port("kafka.embedded.port", c.kafka().embedded().port());
    port("kafka.embedded.controllerPort", c.kafka().embedded().controllerPort());

    String format = c.platform().timestampFormat();
    if (!TIMESTAMP_FORMATS.contains(format)) {
      throw new InvalidConfig("platform.timestampFormat (PLATFORM_TIMESTAMP_FORMAT)",
          "\"" + format + "\" is not accepted; accepted values are yyyyMMddHHmmss, epochMillis");
    }
    if (!c.platform().embeddedMode()) {
      url("platform.baseUrl (PLATFORM_BASE_URL)", c.platform().baseUrl());
      if (blank(c.platform().appId()) || blank(c.platform().appKey())) {
        throw new InvalidConfig("platform.appId/appKey (PLATFORM_APP_ID, PLATFORM_APP_KEY)",
            "required when platform.baseUrl is set");
      }
    }
    if (!blank(c.gateway().publicUrl())) {
      url("gateway.publicUrl (GATEWAY_PUBLIC_URL)", c.gateway().publicUrl());
    }
    String secret = c.gateway().secretKey();
    if (!blank(secret)) {
      secretKey(secret);
    } else if (!c.kafka().embeddedMode()) {
      throw new InvalidConfig("gateway.secretKey (GATEWAY_SECRET_KEY)",
          "required when KAFKA_BOOTSTRAP_SERVERS is set: base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
    }
    positive("kafka.topics.partitions", c.kafka().topics().partitions());
    positive("kafka.topics.replicationFactor", c.kafka().topics().replicationFactor());
    positive("gateway.maxBodyBytes", c.gateway().maxBodyBytes());
    positive("gateway.pushInstances", c.gateway().pushInstances());
    positive("gateway.publishTimeoutMs", c.gateway().publishTimeoutMs());
    positive("gateway.cdrDedup.maxEntries", c.gateway().cdrDedup().maxEntries());
    if (c.gateway().cdrDedup().maxEntries() > MAX_DEDUP_ENTRIES) {
      throw new InvalidConfig("gateway.cdrDedup.maxEntries", c.gateway().cdrDedup().maxEntries()
          + " is not accepted; at most " + MAX_DEDUP_ENTRIES + " (the set takes about 50 bytes of heap per entry)");
    }
    GatewayConfig.Sessions s = c.sessions();
    if (c.gateway().runs(GatewayConfig.Gateway.SESSIONS)) {
      if (blank(s.applicationId())) {
        throw new InvalidConfig("sessions.applicationId", "required where gateway.roles includes sessions: the fold's group id");
      }
      if (blank(s.stateDir())) {
        throw new InvalidConfig("sessions.stateDir", "required where gateway.roles includes sessions: the fold's store "
            + "lives there across restarts");
      }
    }
    positive("sessions.streamThreads", s.streamThreads());
    if (s.standbyReplicas() < 0) {
      throw new InvalidConfig("sessions.standbyReplicas", s.standbyReplicas() + " is not accepted; 0 or more");
    }
    positive("sessions.commitIntervalMs", s.commitIntervalMs());
    positive("sessions.retentionHours", s.retentionHours());
    positive("command.maxInFlight", c.command().maxInFlight());
    positive("command.maxAttempts", c.command().maxAttempts());
    positive("command.doneWindow", c.command().doneWindow());
    positive("command.breaker.failureThreshold", c.command().breaker().failureThreshold());
    for (String type : c.command().repeatableOnUnknownOutcome()) {
      if (!COMMAND_TYPES.contains(type)) {
        throw new InvalidConfig("command.repeatableOnUnknownOutcome", "\"" + type
            + "\" is not a command type; accepted: " + String.join(", ", COMMAND_TYPES));
      }
    }
    long minDrain = c.platform().requestTimeoutMs() + c.command().backoffInitialMs();
    if (c.command().revokeDrainMs() < minDrain) {
      throw new InvalidConfig("command.revokeDrainMs", c.command().revokeDrainMs() + " is too short: a command in "
          + "flight must be able to finish; at least platform.requestTimeoutMs + command.backoffInitialMs = " + minDrain);
    }
    positive("platform.requestTimeoutMs", c.platform().requestTimeoutMs());
    positive("platform.maxPoolSize", c.platform().maxPoolSize());
    positive("platform.keyWaitMs", c.platform().keyWaitMs());
    java.util.List<String> topics = c.kafka().topics().all();
    for (String topic : topics) {
      if (blank(topic)) {
        throw new InvalidConfig("kafka.topics", "every topic needs a name; one of " + topics + " is empty");
      }
    }
    if (Set.copyOf(topics).size() != topics.size()) {
      throw new InvalidConfig("kafka.topics", "each topic needs a name of its own, got " + topics);
    }
    GatewayConfig.Security security = c.gateway().security();
    try {
      new com.conferencegateway.support.CidrSet(security.allowedSources());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig("gateway.security.allowedSources", e.getMessage());
    }
    boolean cert = !blank(security.tlsCertFile());
    boolean key = !blank(security.tlsKeyFile());
    if (cert != key) {
      throw new InvalidConfig("gateway.security.tlsCertFile/tlsKeyFile", "give both PEM files for TLS, or neither");
    }
    for (String file : new String[] {security.tlsCertFile(), security.tlsKeyFile()}) {
      if (!blank(file) && !java.nio.file.Files.isReadable(java.nio.file.Path.of(file))) {
        throw new InvalidConfig("gateway.security.tlsCertFile/tlsKeyFile", "cannot read " + file);
      }
    }
    GatewayConfig.Limits limits = c.gateway().limits();
    positive("gateway.limits.idleTimeoutSeconds", limits.idleTimeoutSeconds());
    positive("gateway.limits.headerTimeoutSeconds", limits.headerTimeoutSeconds());
    positive("gateway.limits.bodyTimeoutSeconds", limits.bodyTimeoutSeconds());
    positive("gateway.limits.maxHeaderBytes", limits.maxHeaderBytes());
    if (c.simulator().failChance() < 0 || c.simulator().failChance() > 1) {
      throw new InvalidConfig("simulator.failChance", c.simulator().failChance() + " is not a chance between 0 and 1");
    }
  }

  private static void roles(java.util.List<String> roles) {
    if (roles.isEmpty()) {
      throw new InvalidConfig("gateway.roles", "name at least one of " + String.join(", ", GatewayConfig.Gateway.ROLES));
    }
    for (String role : roles) {
      if (!GatewayConfig.Gateway.ROLES.contains(role)) {
        throw new InvalidConfig("gateway.roles", "\"" + role + "\" is not a role; accepted: "
            + String.join(", ", GatewayConfig.Gateway.ROLES));
      }
    }
  }

  /** The secret's bytes, checked: base64 of exactly 32 bytes. The value itself never reaches a message. */
  static byte[] secretKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig("gateway.secretKey (GATEWAY_SECRET_KEY)", "is not base64; accepted: base64 of 32 bytes");
    }
    if (key.length != 32) {
      throw new InvalidConfig("gateway.secretKey (GATEWAY_SECRET_KEY)",
          "decodes to " + key.length + " bytes; accepted: base64 of exactly 32 bytes");
    }
    return key;
  }

  private static void port(String key, int port) {
    if (port < 0 || port > 65535) {
      throw new InvalidConfig(key, port + " is not a port; accepted values are 0 (any free port) to 65535");
    }
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      throw new InvalidConfig(key, value + " is not accepted; it must be a positive number");
    }
  }

  private static void url(String key, String value) {
    try {
      URI uri = URI.create(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidConfig(key, "\"" + value + "\" is not an http(s) URL like http://host:port/httpIntf");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
