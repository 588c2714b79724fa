package com.conferencegateway.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options of the bench subcommands, with defaults and clear errors. */
final class BenchOptions {
  private final Map<String, String> values = new HashMap<>();

  BenchOptions(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--") || i + 1 >= args.size()) {
        throw new IllegalArgumentException("expected --option value, got " + a);
      }
      values.put(a.substring(2), args.get(++i));
    }
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  long number(String name, long fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, not " + v);
    }
  }

  boolean has(String name) {
    return values.containsKey(name);
  }
}
