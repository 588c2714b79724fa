package com.conferencegateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  @Test
  void defaultsMeanEmbeddedKafkaAndSimulatorOnTheContractsPorts() {
    GatewayConfig c = ConfigLoader.load(null, Map.of());
    assertThat(c.kafka().embeddedMode()).isTrue();
    assertThat(c.platform().embeddedMode()).isTrue();
    assertThat(c.gateway().httpPort()).isEqualTo(8080);
    assertThat(c.gateway().managementPort()).isEqualTo(8081);
    assertThat(c.kafka().topics().create()).isTrue();
    assertThat(c.platform().timestampFormat()).isEqualTo("yyyyMMddHHmmss");
    assertThat(c.kafka().topics().all()).containsExactly("conference.state", "conference.cdr",
        "conference.command", "conference.command.result", "conference.command.dlq", "conference.accounts",
        "conference.accounts.key-requests",
        "conference.sessions");
  }

  @Test
  void environmentVariablesOverrideTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, "gateway:\n  httpPort: 9000\n  managementPort: 9001\n");
    GatewayConfig c = ConfigLoader.load(file, Map.of(
        "GATEWAY_HTTP_PORT", "9100",
        "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
        "KAFKA_TOPICS_CREATE", "false",
        "GATEWAY_SECRET_KEY", KEY,
        "PLATFORM_TIMESTAMP_FORMAT", "epochMillis"));
    assertThat(c.gateway().httpPort()).isEqualTo(9100);
    assertThat(c.gateway().managementPort()).isEqualTo(9001);
    assertThat(c.kafka().bootstrapServers()).isEqualTo("broker:9092");
    assertThat(c.kafka().topics().create()).isFalse();
    assertThat(c.platform().timestampFormat()).isEqualTo("epochMillis");
  }

  @Test
  void kafkaClientPropertiesPassThroughFromTheEnvironment() {
    GatewayConfig c = ConfigLoader.load(null, Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
        "GATEWAY_SECRET_KEY", KEY,
        "KAFKA_COMMON_SECURITY_PROTOCOL", "SASL_SSL",
        "KAFKA_COMMON_SASL_MECHANISM", "SCRAM-SHA-512",
        "KAFKA_PRODUCER_LINGER_MS", "20"));
    assertThat(c.kafka().common()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(c.kafka().producer()).containsEntry("linger.ms", "20");
  }

  @Test
  void aWrongTimestampFormatNamesTheKeyAndTheAcceptedValues() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PLATFORM_TIMESTAMP_FORMAT", "yyyyMMddhhmmss")))
        .isInstanceOf(InvalidConfig.class)
        .hasMessageContaining("PLATFORM_TIMESTAMP_FORMAT")
        .hasMessageContaining("yyyyMMddHHmmss, epochMillis");
  }

  @Test
  void aPortThatIsNotANumberNamesTheKey() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GATEWAY_HTTP_PORT", "eighty")))
        .isInstanceOf(InvalidConfig.class)
        .satisfies(e -> assertThat(((InvalidConfig) e).key()).isEqualTo("gateway.httpPort"));
  }

  @Test
  void aCdrDedupSetTooLargeForTheHeapIsRefusedNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, "gateway:\n  cdrDedup:\n    maxEntries: 50000000\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(InvalidConfig.class)
        .hasMessageContaining("at most 10000000")
        .satisfies(e -> assertThat(((InvalidConfig) e).key()).isEqualTo("gateway.cdrDedup.maxEntries"));
  }

  @Test
  void aClusterWithoutASecretKeyIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092")))
        .hasMessageContaining("GATEWAY_SECRET_KEY");
  }

  @Test
  void aSecretKeyOfTheWrongLengthIsRefusedWithoutEchoingIt() {
    String shortKey = "c2hvcnQta2V5";
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GATEWAY_SECRET_KEY", shortKey)))
        .hasMessageContaining("32 bytes")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortKey));
  }

  @Test
  void anUnknownKeyIsNamedWithTheKeysAccepted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, "gateway:\n  htpPort: 9000\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageContaining("gateway.htpPort")
        .hasMessageContaining("httpPort");
  }

  @Test
  void aPlatformUrlNeedsTheAppCredentials() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PLATFORM_BASE_URL", "http://platform:80/httpIntf")))
        .hasMessageContaining("PLATFORM_APP_ID");
  }

  @Test
  void printingTheConfigurationShowsNoSecret() {
    GatewayConfig c = ConfigLoader.load(null, Map.of(
        "GATEWAY_PUSH_TOKEN", "tok-s3cret", "GATEWAY_SECRET_KEY", KEY,
        "PLATFORM_APP_KEY", "app-s3cret", "KAFKA_COMMON_SASL_JAAS_CONFIG", "password=\"kafka-s3cret\""));
    assertThat(c.toString() + c.gateway() + c.platform() + c.kafka())
        .doesNotContain("tok-s3cret", KEY, "app-s3cret", "kafka-s3cret");
  }

  @Test
  void everyKeyIsSetFromTheEnvironmentByItsPathListsCommaSeparatedMapsByPrefix() {
    GatewayConfig c = ConfigLoader.load(null, Map.of(
        "COMMAND_MAX_IN_FLIGHT", "64",
        "SESSIONS_RETENTION_HOURS", "24",
        "GATEWAY_CDR_DEDUP_MAX_ENTRIES", "1000",
        "GATEWAY_SECURITY_ALLOWED_SOURCES", "10.0.0.0/8, 192.168.1.0/24",
        "COMMAND_REPEATABLE_ON_UNKNOWN_OUTCOME", "conference.add,conference.end",
        "KAFKA_TOPICS_KEY_REQUESTS", "prod.key-requests",
        "SESSIONS_STREAMS_NUM_STANDBY_REPLICAS", "1"));
    assertThat(c.command().maxInFlight()).isEqualTo(64);
    assertThat(c.sessions().retentionHours()).isEqualTo(24);
    assertThat(c.gateway().cdrDedup().maxEntries()).isEqualTo(1000);
    assertThat(c.gateway().security().allowedSources()).containsExactly("10.0.0.0/8", "192.168.1.0/24");
    assertThat(c.command().repeatableOnUnknownOutcome()).containsExactly("conference.add", "conference.end");
    assertThat(c.kafka().topics().keyRequests()).isEqualTo("prod.key-requests");
    assertThat(c.sessions().streams()).containsEntry("num.standby.replicas", "1");
  }

  @Test
  void theEnvironmentWinsOverTheFileForEveryKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, "command:\n  maxInFlight: 32\n  breaker:\n    openMs: 5000\n");
    GatewayConfig c = ConfigLoader.load(file, Map.of("COMMAND_BREAKER_OPEN_MS", "7000"));
    assertThat(c.command().maxInFlight()).isEqualTo(32);
    assertThat(c.command().breaker().openMs()).isEqualTo(7000);
  }

  @Test
  void aBadValueFromTheEnvironmentNamesTheKeyAndItsVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("COMMAND_MAX_IN_FLIGHT", "lots")))
        .isInstanceOf(InvalidConfig.class)
        .hasMessageStartingWith("command.maxInFlight (COMMAND_MAX_IN_FLIGHT): ")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SESSIONS_RETENTION_HOURS", "0")))
        .hasMessageContaining("sessions.retentionHours");
  }

  @Test
  void variablesThatMatchNoKeyAreIgnored() {
    GatewayConfig c = ConfigLoader.load(null, Map.of("GATEWAY_NO_SUCH_KEY", "1", "COMMAND_MAX_INFLIGHT", "2",
        "HOME", "/root"));
    assertThat(c.command().maxInFlight()).isEqualTo(ConfigLoader.defaultsOnly().command().maxInFlight());
  }

  @Test
  void everyKeyHasAVariableOfItsOwnAndTheContractsVariablesFollowTheRule() {
    List<String> variables = ConfigKeys.all().stream().map(ConfigKeys.Key::variable).toList();
    assertThat(variables).doesNotHaveDuplicates();
    assertThat(variables).contains("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_TOPICS_CREATE", "PLATFORM_BASE_URL",
        "PLATFORM_APP_ID", "PLATFORM_APP_KEY", "PLATFORM_TIMESTAMP_FORMAT", "PLATFORM_ACCOUNTS_FILE",
        "GATEWAY_HTTP_PORT", "GATEWAY_MANAGEMENT_PORT", "GATEWAY_PUSH_TOKEN", "GATEWAY_SECRET_KEY",
        "GATEWAY_PUBLIC_URL");
    assertThat(ConfigKeys.variable("command.maxInFlight")).isEqualTo("COMMAND_MAX_IN_FLIGHT");
    assertThat(ConfigKeys.variable("gateway.limits.requestsPerSecondPerSource"))
        .isEqualTo("GATEWAY_LIMITS_REQUESTS_PER_SECOND_PER_SOURCE");
  }

  @Test
  void everyScalarAndListKeyTakesItsDefaultBackFromTheEnvironment() {
    GatewayConfig defaults = ConfigLoader.defaultsOnly();
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      Object value = ConfigKeys.valueAt(defaults, key.path());
      String text = switch (key.shape()) {
        case MAP -> null;
        case LIST -> String.join(",", ((List<?>) value).stream().map(String::valueOf).toList());
        case SCALAR -> String.valueOf(value);
      };
      if (text == null) {
        continue;
      }
      GatewayConfig read = ConfigLoader.loadForTools(null, Map.of(key.variable(), text));
      assertThat(ConfigKeys.valueAt(read, key.path())).as(key.variable()).isEqualTo(value);
    }
  }

  @Test
  void aRetiredKeyFailsTheStartNamingWhatReplacedIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.yaml");
    Files.writeString(file, "sessions:\n  enabled: false\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(InvalidConfig.class).hasMessageContaining("sessions.enabled").hasMessageContaining("gateway.roles");
    Files.writeString(file, "sessions:\n  viewMaxEntries: 5\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).hasMessageContaining("retired");
  }

  @Test
  void rolesAreThreeAndNamedExactly() {
    assertThat(ConfigLoader.load(null, Map.of()).gateway().roles()).containsExactly("ingress", "commands", "sessions");
    assertThat(ConfigLoader.load(null, Map.of("GATEWAY_ROLES", "ingress")).gateway().runs("sessions")).isFalse();
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GATEWAY_ROLES", "ingress,queries")))
        .hasMessageStartingWith("gateway.roles (GATEWAY_ROLES): ").hasMessageContaining("\"queries\" is not a role");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GATEWAY_ROLES", "")))
        .hasMessageContaining("gateway.roles");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("GATEWAY_QUERY_PORT", "8081")))
        .hasMessageContaining("gateway.queryPort");
  }
}
