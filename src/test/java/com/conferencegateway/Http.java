package com.conferencegateway;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JDK HTTP client for tests: the test side is a user, not part of the gateway. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  public record Answer(int status, String body, HttpResponse<String> response) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  public static Answer get(String url) throws Exception {
    try {
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r);
    } catch (java.io.IOException e) {
      // Not listening yet, or closed while starting: the caller polls again.
      return new Answer(-1, e.toString(), null);
    }
  }

  /** A GET with these headers (Authorization, Accept, ...). */
  public static Answer get(String url, java.util.Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    headers.forEach(request::header);
    try {
      HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r);
    } catch (java.io.IOException e) {
      return new Answer(-1, e.toString(), null);
    }
  }

  /** A GET whose body is read as lines while they arrive (Server-Sent Events); close the stream when done. */
  public static HttpResponse<java.util.stream.Stream<String>> stream(String url, java.util.Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    headers.forEach(request::header);
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
  }

  public static Answer post(String url, byte[] body) throws Exception {
    return post(url, body, java.util.Map.of("content-type", "application/json"));
  }

  /** A POST with exactly these headers (content-type included, or left out). */
  public static Answer post(String url, byte[] body, java.util.Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), r);
  }

  public static Answer post(String url, String body) throws Exception {
    return post(url, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
