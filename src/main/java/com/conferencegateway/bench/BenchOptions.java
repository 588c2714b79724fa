package com.conferencegateway.bench;

import java.util.HashMap;
import java.util.Map;

/** The options of a bench run, by name, with their defaults: parsed by the command line, read by the benchmarks. */
final class BenchOptions {
  private final Map<String, String> values = new HashMap<>();

  BenchOptions(Map<String, String> options) {
    values.putAll(options);
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
