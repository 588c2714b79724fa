package com.conferencegateway.query;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The other gateway processes' query ports, as their Kafka Streams endpoints name them. A forwarded
 * request carries the forwarding token and is answered from the receiver's own state only: one hop.
 */
public final class Peers {
  /** What a peer answered: its status and body. */
  public record Answer(int status, Buffer body) {}

  private final HttpClient http;
  private final Credentials credentials;
  private final long timeoutMs;

  public Peers(HttpClient http, Credentials credentials, long timeoutMs) {
    this.http = http;
    this.credentials = credentials;
    this.timeoutMs = timeoutMs;
  }

  /** GET {@code pathAndQuery} from {@code host}; fails when it cannot be reached or does not answer in time. */
  public Future<Answer> get(HostInfo host, String pathAndQuery) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(host.host()).setPort(host.port())
        .setURI(pathAndQuery).setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs)
        .putHeader(Credentials.FORWARDED, credentials.forwardToken());
    return http.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)));
  }
}
