package com.conferencegateway.account;

import com.conferencegateway.kafka.CloudEvent;
import com.conferencegateway.kafka.OutboundRecord;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * What travels on the key-requests topic (kafka.topics.keyRequests), keyed by account id: a
 * process asking the account's key owner for a key newer than one the platform refused, and the
 * owner's notice when it could not get one. Neither ever holds a key: a request names the refused
 * key by its fingerprint. The topic is not {@code conference.accounts}, so no request can make
 * compaction drop an account's credentials.
 */
public sealed interface KeyMessage permits KeyMessage.Request, KeyMessage.Unavailable {
  String SOURCE = "/conference-gateway/keys";

  String accountId();

  /** Why a key is asked for. */
  enum Reason {
    /** This process has no temp key for the account yet. */
    MISSING,
    /** The platform refused a call signed with the key named by the fingerprint. */
    REFUSED,
    /** The key is older than platform.tempKeyRefreshMinutes. */
    DUE,
    /** An account.refreshKey command. */
    COMMAND
  }

  /** {@code refusedFingerprint}: the key to replace; null when the asker has none. */
  record Request(String accountId, String refusedFingerprint, Reason reason, String requestedBy, Instant at)
      implements KeyMessage {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("kind", "request").put("accountId", accountId)
          .put("refusedKeyFingerprint", refusedFingerprint).put("reason", reason.name())
          .put("requestedBy", requestedBy).put("at", at.toString());
    }
  }

  /**
   * The owner could not replace {@code refusedFingerprint}. {@code platformResult} and
   * {@code platformDescribe}: getAccountkey's answer when the platform refused; {@code retryable}:
   * the platform could not be reached, so asking again later may work.
   */
  record Unavailable(String accountId, String refusedFingerprint, String platformResult, String platformDescribe,
      boolean retryable, String message, Instant at) implements KeyMessage {
    @Override
    public JsonObject toJson() {
      return new JsonObject().put("kind", "unavailable").put("accountId", accountId)
          .put("refusedKeyFingerprint", refusedFingerprint).put("platformResult", platformResult)
          .put("platformDescribe", platformDescribe).put("retryable", retryable).put("message", message)
          .put("at", at.toString());
    }
  }

  JsonObject toJson();

  Instant at();

  default OutboundRecord toRecord(String topic) {
    String type = this instanceof Request ? "conference.account.keyRequest" : "conference.account.keyUnavailable";
    CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), SOURCE, type, at(), accountId(), null);
    return new OutboundRecord(topic, accountId(), toJson().encode().getBytes(StandardCharsets.UTF_8), event.headers());
  }

  /** A record's value; null for what is neither (a tombstone, another writer's record). */
  static KeyMessage read(byte[] value) {
    if (value == null) {
      return null;
    }
    JsonObject json;
    try {
      json = new JsonObject(new String(value, StandardCharsets.UTF_8));
      String id = json.getString("accountId");
      Instant at = Instant.parse(json.getString("at"));
      if (id == null) {
        return null;
      }
      return switch (json.getString("kind", "")) {
        case "request" -> new Request(id, json.getString("refusedKeyFingerprint"),
            Reason.valueOf(json.getString("reason")), json.getString("requestedBy"), at);
        case "unavailable" -> new Unavailable(id, json.getString("refusedKeyFingerprint"),
            json.getString("platformResult"), json.getString("platformDescribe"), json.getBoolean("retryable", false),
            json.getString("message"), at);
        default -> null;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }
}
