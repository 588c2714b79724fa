package com.conferencegateway.config;

import java.util.List;
import java.util.Map;

/** The whole configuration, bound from defaults.yaml, the config file and the environment (see {@link ConfigLoader}). */
public record GatewayConfig(
    Kafka kafka, Gateway gateway, Platform platform, Command command, Sessions sessions, Simulator simulator) {

  public record Kafka(
      String bootstrapServers,
      long readyTimeoutMs,
      Topics topics,
      Map<String, String> common,
      Map<String, String> producer,
      Map<String, String> consumer,
      Map<String, String> admin,
      Embedded embedded) {

    /** No cluster named: dev mode starts a broker in the JVM. */
    public boolean embeddedMode() {
      return bootstrapServers == null || bootstrapServers.isBlank();
    }

    public Kafka withBootstrapServers(String servers) {
      return new Kafka(servers, readyTimeoutMs, topics, common, producer, consumer, admin, embedded);
    }

    @Override
    public String toString() {
      // Client properties may hold SASL passwords: only the cluster is printed.
      return "Kafka[bootstrapServers=" + bootstrapServers + "]";
    }
  }

  public record Topics(
      boolean create,
      int partitions,
      short replicationFactor,
      String state,
      String cdr,
      String command,
      String commandResult,
      String commandDlq,
      String accounts,
      String keyRequests,
      String sessions) {

    public List<String> all() {
      return List.of(state, cdr, command, commandResult, commandDlq, accounts, keyRequests, sessions);
    }
  }

  public record Embedded(String dataDir, int port, int controllerPort, String host) {}

  public record Gateway(
      List<String> roles,
      String host,
      int httpPort,
      int managementPort,
      int queryPort,
      List<String> queryTokens,
      String queryAdvertisedHost,
      int queryMaxEventStreams,
      String publicUrl,
      String pushToken,
      String secretKey,
      List<String> servedAppIds,
      int maxBodyBytes,
      long publishTimeoutMs,
      int retryAfterSeconds,
      long shutdownDrainMs,
      int pushInstances,
      CdrDedup cdrDedup,
      Security security,
      Limits limits) {

    public static final String INGRESS = "ingress";
    public static final String COMMANDS = "commands";
    public static final String SESSIONS = "sessions";
    public static final List<String> ROLES = List.of(INGRESS, COMMANDS, SESSIONS);

    public boolean tokenRequired() {
      return pushToken != null && !pushToken.isEmpty();
    }

    public boolean runs(String role) {
      return roles.contains(role);
    }

    public Gateway withSecretKey(String key) {
      return new Gateway(roles, host, httpPort, managementPort, queryPort, queryTokens, queryAdvertisedHost,
          queryMaxEventStreams, publicUrl, pushToken, key, servedAppIds, maxBodyBytes, publishTimeoutMs,
          retryAfterSeconds, shutdownDrainMs, pushInstances, cdrDedup, security, limits);
    }

    public Gateway withHttpPort(int port) {
      return new Gateway(roles, host, port, managementPort, queryPort, queryTokens, queryAdvertisedHost,
          queryMaxEventStreams, publicUrl, pushToken, secretKey, servedAppIds, maxBodyBytes, publishTimeoutMs,
          retryAfterSeconds, shutdownDrainMs, pushInstances, cdrDedup, security, limits);
    }

    @Override
    public String toString() {
      // The tokens and the secret key are credentials: never printed.
      return "Gateway[roles=" + roles + ", httpPort=" + httpPort + ", managementPort=" + managementPort
          + ", queryPort=" + queryPort + ", publicUrl=" + publicUrl + "]";
    }
  }

  public record CdrDedup(int maxEntries, int rebuildWindowHours) {}

  /** Who may push: source CIDRs (empty: anyone), and TLS on the push port (PEM files; empty: plain HTTP). */
  public record Security(List<String> allowedSources, String tlsCertFile, String tlsKeyFile) {}

  /** Per-source limits and timeouts of the push server; 0 turns a per-source limit off. */
  public record Limits(
      int requestsPerSecondPerSource, int burstPerSource, int connectionsPerSource, int idleTimeoutSeconds,
      int headerTimeoutSeconds, int bodyTimeoutSeconds, int maxHeaderBytes) {}

  public record Platform(
      String baseUrl,
      String appId,
      String appKey,
      String timestampFormat,
      String accountsFile,
      long requestTimeoutMs,
      int maxPoolSize,
      long tempKeyRefreshMinutes,
      long keyWaitMs) {

    public boolean embeddedMode() {
      return baseUrl == null || baseUrl.isBlank();
    }

    public Platform with(String baseUrl, String appId, String appKey) {
      return new Platform(baseUrl, appId, appKey, timestampFormat, accountsFile, requestTimeoutMs, maxPoolSize,
          tempKeyRefreshMinutes, keyWaitMs);
    }

    @Override
    public String toString() {
      // Never print the app key.
      return "Platform[baseUrl=" + baseUrl + ", appId=" + appId + ", timestampFormat=" + timestampFormat + "]";
    }
  }

  public record Command(
      String groupId,
      int maxInFlight,
      int maxAttempts,
      long backoffInitialMs,
      long backoffMaxMs,
      int doneWindow,
      int doneRebuildHours,
      Breaker breaker,
      java.util.List<String> repeatableOnUnknownOutcome,
      long revokeDrainMs) {}

  public record Breaker(int failureThreshold, long openMs) {}

  /**
   * The session view: the Kafka Streams fold that writes {@code conference.sessions} and whose
   * partitioned store answers the query API (where gateway.roles includes sessions).
   */
  public record Sessions(
      String applicationId,
      String stateDir,
      int streamThreads,
      int standbyReplicas,
      long commitIntervalMs,
      int retentionHours,
      Map<String, String> streams) {

    @Override
    public String toString() {
      return "Sessions[applicationId=" + applicationId + ", stateDir=" + stateDir + "]";
    }
  }

  public record Simulator(
      int port, String appId, String appKey, String demoAccountId, String demoAccountKey, int pushMaxAttempts,
      long pacingMs, double failChance, long timestampToleranceSeconds) {}

  public GatewayConfig withKafka(Kafka k) {
    return new GatewayConfig(k, gateway, platform, command, sessions, simulator);
  }

  public GatewayConfig withPlatform(Platform p) {
    return new GatewayConfig(kafka, gateway, p, command, sessions, simulator);
  }

  public GatewayConfig withGateway(Gateway g) {
    return new GatewayConfig(kafka, g, platform, command, sessions, simulator);
  }

  @Override
  public String toString() {
    return "GatewayConfig[kafka=" + kafka.bootstrapServers + ", platform=" + platform + "]";
  }
}
