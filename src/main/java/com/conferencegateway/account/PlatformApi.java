package com.conferencegateway.account;

import com.conferencegateway.platform.PlatformAnswer;
import com.conferencegateway.platform.PlatformCall;
import com.conferencegateway.platform.PlatformClient;
import io.vertx.core.Future;

/**
 * The platform as the command processor uses it: picks the right key for each call and signs.
 * A call signed with a temp key that the platform refuses fails with {@link StaleKeySuspected}
 * (the platform lists no error codes, so any refusal may mean a rotated key): the caller sends it
 * again, and the next attempt waits for a key newer than the refused one from the account's key
 * owner. A refusal of a key that arrived after the command's previous refusal is the platform's
 * answer, returned as such, unless that key has been replaced meanwhile (the platform rotated it
 * again): then the call goes out with the newer key, and no fetch is asked for.
 */
public final class PlatformApi {
  private final PlatformClient client;
  private final KeyRequests keys;
  private final KeyMetrics metrics;

  public PlatformApi(PlatformClient client, KeyRequests keys, KeyMetrics metrics) {
    this.client = client;
    this.keys = keys;
    this.metrics = metrics;
  }

  public KeyRing keys() {
    return keys.ring();
  }

  /** {@code use}: the command's refusals so far; the same object across its attempts. */
  public Future<PlatformAnswer> call(PlatformCall call, String traceparent, KeyUse use) {
    return switch (call.signer()) {
      case NONE -> client.send(call, null, traceparent);
      case PERMANENT_KEY -> {
        try {
          yield client.send(call, keys.ring().permanentKey(call.signingId()), traceparent);
        } catch (UnknownAccount e) {
          yield Future.failedFuture(e);
        }
      }
      case TEMP_KEY -> signedWithTempKey(call, traceparent, use);
    };
  }

  private Future<PlatformAnswer> signedWithTempKey(PlatformCall call, String traceparent, KeyUse use) {
    String id = call.signingId();
    Future<KeyRing.CurrentKey> key = use.refusedFingerprint() == null
        ? keys.current(id)
        : keys.newerThan(id, use.refusedFingerprint(), KeyMessage.Reason.REFUSED);
    return key.compose(k -> {
      if (!use.maySend()) {
        return Future.failedFuture(new CallWithdrawn(call.name()));
      }
      return client.send(call, k.value(), traceparent).compose(answer -> {
        if (answer.succeeded()) {
          return Future.succeededFuture(answer);
        }
        KeyRing.CurrentKey now = keys.ring().current(id);
        boolean replacedSince = now != null && !now.fingerprint().equals(k.fingerprint());
        if (use.arrivedAfterRefusal(k) && !replacedSince) {
          metrics.refusal("after_fresh_key");
          return Future.succeededFuture(answer);
        }
        metrics.refusal("stale_key_suspected");
        use.refused(k, keys.ring().generation());
        return Future.failedFuture(new StaleKeySuspected(call.name(), id, answer));
      });
    });
  }

  /** A key newer than the current one, through the account's key owner (account.refreshKey). */
  public Future<Void> refreshKey(String id) {
    KeyRing.CurrentKey current = keys.ring().current(id);
    return keys.newerThan(id, current == null ? null : current.fingerprint(), KeyMessage.Reason.COMMAND).mapEmpty();
  }
}
