package com.conferencegateway.account;

import com.conferencegateway.platform.PlatformClient;
import com.conferencegateway.platform.PlatformAnswer;
import com.conferencegateway.platform.PlatformCall;
import io.vertx.core.Future;

/**
 * The platform as the command processor uses it: picks the right key for each call, signs, and
 * when a call signed with a temp key is refused, refreshes that key once and sends the call once
 * more (the platform does not say which failures mean a stale key, so any refusal may).
 */
public final class PlatformApi {
  private final PlatformClient client;
  private final KeyRing keys;

  public PlatformApi(PlatformClient client, KeyRing keys) {
    this.client = client;
    this.keys = keys;
  }

  public KeyRing keys() {
    return keys;
  }

  public Future<PlatformAnswer> call(PlatformCall call, String traceparent) {
    return switch (call.signer()) {
      case NONE -> client.send(call, null, traceparent);
      case PERMANENT_KEY -> {
        try {
          yield client.send(call, keys.permanentKey(call.signingId()), traceparent);
        } catch (UnknownAccount e) {
          yield Future.failedFuture(e);
        }
      }
      case TEMP_KEY -> keys.tempKey(call.signingId(), traceparent)
          .compose(key -> client.send(call, key, traceparent)
              .compose(answer -> answer.succeeded()
                  ? Future.succeededFuture(answer)
                  : keys.replace(call.signingId(), key, traceparent)
                      .compose(fresh -> client.send(call, fresh, traceparent))));
    };
  }

  /** A new temp key for {@code id} (account.refreshKey). */
  public Future<Void> refreshKey(String id, String traceparent) {
    return keys.refresh(id, traceparent).mapEmpty();
  }
}
