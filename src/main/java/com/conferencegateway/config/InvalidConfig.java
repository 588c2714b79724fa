package com.conferencegateway.config;

/**
 * A configuration value the gateway cannot start with; the message names the key (with its
 * environment variable when the key is a path of its own) and what is accepted.
 */
public final class InvalidConfig extends RuntimeException {
  private final String key;

  public InvalidConfig(String key, String problem) {
    super(ConfigKeys.byPath(key).map(k -> key + " (" + k.variable() + ")").orElse(key) + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
