package com.conferencegateway.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the configuration in three layers: built-in defaults, then the config file, then the
 * environment variables of the contract. Then it validates the result.
 */
public final class ConfigLoader {

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

  /**
   * Every key can be set from the environment ({@link ConfigKeys}): lists comma-separated, map keys by
   * prefix. The environment wins over the file; variables that match no key are ignored.
   */
  static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      if (key.shape() == ConfigKeys.Shape.MAP) {
        String prefix = key.variable() + "_";
        env.forEach((variable, value) -> {
          if (variable.startsWith(prefix) && variable.length() > prefix.length()) {
            node(tree, key.path()).with(last(key.path())).put(ConfigKeys.property(variable.substring(prefix.length())),
                value);
          }
        });
        continue;
      }
      String value = env.get(key.variable());
      if (value == null) {
        continue;
      }
      if (key.shape() == ConfigKeys.Shape.LIST) {
        ArrayNode list = node(tree, key.path()).putArray(last(key.path()));
        for (String item : value.split(",")) {
          if (!item.isBlank()) {
            list.add(item.strip());
          }
        }
      } else {
        node(tree, key.path()).put(last(key.path()), value.trim());
      }
    }
  }

  /** The object that holds the key's last part, created along the way. */
  private static ObjectNode node(ObjectNode tree, String path) {
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.with(parts[i]);
    }
    return node;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** Keys that once existed, and what replaced them: a file written for an older gateway fails naming the new way. */
  private static final Map<String, String> RETIRED = Map.of(
      "sessions.enabled", "retired: the fold and the query API run where gateway.roles (GATEWAY_ROLES) includes sessions",
      "sessions.endedViewMinutes", "retired: ended conferences stay queryable until sessions.retentionHours after their "
          + "last change, as every conference does",
      "sessions.viewMaxEntries", "retired: queries are answered from the fold's partitioned store, with no cap");

  private static void refuseRetired(ObjectNode tree) {
    RETIRED.forEach((path, why) -> {
      String[] parts = path.split("\\.");
      com.fasterxml.jackson.databind.JsonNode node = tree;
      for (String part : parts) {
        node = node == null ? null : node.get(part);
      }
      if (node != null) {
        throw new InvalidConfig(path, why);
      }
    });
  }

  private static GatewayConfig bind(ObjectNode tree) {
    refuseRetired(tree);
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
