package com.conferencegateway.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the configuration in three layers: built-in defaults, then the config file, then the
 * environment variables of the contract. Then it validates the result.
 */
public final class ConfigLoader {

  /** Environment variable → config path, as the contract names them. */
  static final Map<String, String> ENV_KEYS =
      Map.ofEntries(
          Map.entry("KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
          Map.entry("KAFKA_TOPICS_CREATE", "kafka.topics.create"),
          Map.entry("PLATFORM_BASE_URL", "platform.baseUrl"),
          Map.entry("PLATFORM_APP_ID", "platform.appId"),
          Map.entry("PLATFORM_APP_KEY", "platform.appKey"),
          Map.entry("PLATFORM_TIMESTAMP_FORMAT", "platform.timestampFormat"),
          Map.entry("PLATFORM_ACCOUNTS_FILE", "platform.accountsFile"),
          Map.entry("GATEWAY_HTTP_PORT", "gateway.httpPort"),
          Map.entry("GATEWAY_MANAGEMENT_PORT", "gateway.managementPort"),
          Map.entry("GATEWAY_PUSH_TOKEN", "gateway.pushToken"),
          Map.entry("GATEWAY_SECRET_KEY", "gateway.secretKey"),
          Map.entry("GATEWAY_PUBLIC_URL", "gateway.publicUrl"));

  /** KAFKA_PRODUCER_LINGER_MS=10 → kafka.producer."linger.ms" = 10 (as the Strimzi bridge does). */
  private static final Map<String, String> KAFKA_PASS_THROUGH_PREFIXES =
      Map.of(
          "KAFKA_COMMON_", "common",
          "KAFKA_PRODUCER_", "producer",
          "KAFKA_CONSUMER_", "consumer",
          "KAFKA_ADMIN_", "admin");

  private static final Path DEFAULT_FILE = Path.of("conf", "application.yaml");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ConfigLoader() {}

  /** The file named by {@code --config}, else conf/application.yaml when present, else defaults only. */
  public static GatewayConfig load(Path explicitFile, Map<String, String> env) {
    GatewayConfig config = bind(layers(explicitFile, env));
    ConfigValidator.validate(config);
    return config;
  }

  /** For the command-line tools: the same layers, checked only for what binds (no secret key needed). */
  public static GatewayConfig loadForTools(Path explicitFile, Map<String, String> env) {
    return bind(layers(explicitFile, env));
  }

  private static ObjectNode layers(Path explicitFile, Map<String, String> env) {
    ObjectNode tree = defaults();
    Path file = explicitFile != null ? explicitFile : (Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null);
    if (file != null) {
      merge(tree, readFile(file));
    }
    applyEnvironment(tree, env);
    return tree;
  }

  public static GatewayConfig defaultsOnly() {
    return bind(defaults());
  }

  /** Defaults merged with YAML layers, later ones winning; for tests and tools. Validated like a file. */
  public static GatewayConfig fromYaml(String... layers) {
    ObjectNode tree = defaults();
    try {
      for (String yaml : layers) {
        JsonNode overlay = yaml == null ? null : YAML.readTree(yaml);
        if (overlay instanceof ObjectNode o) {
          merge(tree, o);
        }
      }
    } catch (IOException e) {
      throw new InvalidConfig("(yaml)", "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    GatewayConfig config = bind(tree);
    ConfigValidator.validate(config);
    return config;
  }

  private static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/defaults.yaml")) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("built-in defaults.yaml is missing from the jar", e);
    }
  }

  private static ObjectNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfig("--config", "no such file: " + file);
    }
    try {
      JsonNode node = YAML.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return YAML.createObjectNode();
      }
      if (!(node instanceof ObjectNode o)) {
        throw new InvalidConfig("--config", file + " must hold a YAML mapping at its top");
      }
      return o;
    } catch (IOException e) {
      throw new InvalidConfig("--config", file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  static void merge(ObjectNode base, ObjectNode overlay) {
    overlay.fields().forEachRemaining(e -> {
      JsonNode existing = base.get(e.getKey());
      if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
        merge(eo, vo);
      } else {
        base.set(e.getKey(), e.getValue());
      }
    });
  }

  static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
    ENV_KEYS.forEach((variable, path) -> {
      String value = env.get(variable);
      if (value != null) {
        set(tree, path, value.trim());
      }
    });
    env.forEach((variable, value) ->
        KAFKA_PASS_THROUGH_PREFIXES.forEach((prefix, section) -> {
          if (variable.startsWith(prefix) && variable.length() > prefix.length()) {
            String property = variable.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            ((ObjectNode) tree.with("kafka").with(section)).put(property, value);
          }
        }));
  }

  private static void set(ObjectNode tree, String path, String value) {
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.with(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  private static GatewayConfig bind(ObjectNode tree) {
    try {
      return YAML.treeToValue(tree, GatewayConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidConfig(path(e), "unknown key; accepted keys here are "
          + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
    } catch (InvalidFormatException e) {
      throw new InvalidConfig(path(e), "\"" + e.getValue() + "\" is not a valid " + e.getTargetType().getSimpleName());
    } catch (MismatchedInputException e) {
      throw new InvalidConfig(path(e), "expected a " + e.getTargetType().getSimpleName());
    } catch (IOException e) {
      throw new InvalidConfig("(config)", e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
