package com.conferencegateway.command;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the platform should push for an account: the registration defaults, and the simulator's demo account. */
public record PushUrls(String statusUrl, String recordUrl) {

  /** {@code publicUrl} (default {@code http://localhost:<port>}) + the push paths, with {@code ?token=} when one is set. */
  public static PushUrls of(String publicUrl, int port, String token) {
    String base = publicUrl == null || publicUrl.isBlank() ? "http://localhost:" + port : publicUrl;
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String query = token == null || token.isEmpty() ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    return new PushUrls(base + "/platform/status" + query, base + "/platform/cdr" + query);
  }

  @Override
  public String toString() {
    return "PushUrls[...]"; // may carry the push token
  }
}
