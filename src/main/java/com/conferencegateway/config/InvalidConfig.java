package com.conferencegateway.config;

/** A configuration value the gateway cannot start with; the message names the key and what is accepted. */
public final class InvalidConfig extends RuntimeException {
  private final String key;

  public InvalidConfig(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
