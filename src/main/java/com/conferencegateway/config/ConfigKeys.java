package com.conferencegateway.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key, read off the configuration records themselves, with the environment
 * variable that sets it: the key's path in upper case, dots and word boundaries turned into
 * underscores ({@code command.maxInFlight} is {@code COMMAND_MAX_IN_FLIGHT}). Map-valued keys (the
 * Kafka clients' and Streams' properties) take a prefix instead: {@code KAFKA_PRODUCER_LINGER_MS}
 * sets {@code kafka.producer."linger.ms"}.
 */
public final class ConfigKeys {

  /** What a key holds, as the environment sets it. */
  public enum Shape {
    /** One value: a string, a number or true/false. */
    SCALAR,
    /** Comma-separated in the environment. */
    LIST,
    /** Free-form properties: {@code <VARIABLE>_<PROPERTY>}, the property's dots written as underscores. */
    MAP
  }

  /** One key: its dotted path, its variable and its shape; {@code type} is the Java type it binds to. */
  public record Key(String path, String variable, Shape shape, Class<?> type) {}

  private static final List<Key> ALL = walk(GatewayConfig.class, "");

  private ConfigKeys() {}

  /** Every key, in the records' order. */
  public static List<Key> all() {
    return ALL;
  }

  public static Optional<Key> byPath(String path) {
    return ALL.stream().filter(k -> k.path().equals(path)).findFirst();
  }

  /** {@code command.maxInFlight} → {@code COMMAND_MAX_IN_FLIGHT}. */
  public static String variable(String path) {
    StringBuilder out = new StringBuilder();
    char previous = '.';
    for (char c : path.toCharArray()) {
      if (c == '.') {
        out.append('_');
      } else {
        if (Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
          out.append('_');
        }
        out.append(Character.toUpperCase(c));
      }
      previous = c;
    }
    return out.toString();
  }

  /** The value {@code config} holds at {@code path}: a record component, read by reflection. */
  public static Object valueAt(GatewayConfig config, String path) {
    Object node = config;
    for (String part : path.split("\\.")) {
      Object current = node;
      RecordComponent component = java.util.Arrays.stream(current.getClass().getRecordComponents())
          .filter(c -> c.getName().equals(part)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no configuration key " + path));
      try {
        node = component.getAccessor().invoke(current);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + path, e);
      }
    }
    return node;
  }

  /** The property a variable under a map key's prefix names: {@code LINGER_MS} → {@code linger.ms}. */
  static String property(String rest) {
    return rest.toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static List<Key> walk(Class<?> record, String prefix) {
    List<Key> keys = new ArrayList<>();
    for (RecordComponent c : record.getRecordComponents()) {
      String path = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
      Class<?> type = c.getType();
      if (type.isRecord()) {
        keys.addAll(walk(type, path));
      } else if (Map.class.isAssignableFrom(type)) {
        keys.add(new Key(path, variable(path), Shape.MAP, elementType(c.getGenericType(), 1)));
      } else if (List.class.isAssignableFrom(type)) {
        keys.add(new Key(path, variable(path), Shape.LIST, elementType(c.getGenericType(), 0)));
      } else {
        keys.add(new Key(path, variable(path), Shape.SCALAR, type));
      }
    }
    return List.copyOf(keys);
  }

  private static Class<?> elementType(Type generic, int index) {
    if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[index] instanceof Class<?> c) {
      return c;
    }
    return String.class;
  }
}
