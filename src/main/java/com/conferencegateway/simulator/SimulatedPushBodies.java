package com.conferencegateway.simulator;

import com.conferencegateway.platform.PlatformTime;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/** The bodies of the simulator's pushes, as the spec's §7.3.1 (call state) and §7.3.2 (CDRs) show them. */
final class SimulatedPushBodies {
  private SimulatedPushBodies() {}

  static JsonObject status(SimulatedConferences.Conference c, SimulatedConferences.Leg leg, LegState state,
      Instant now, String appId) {
    JsonObject data = new JsonObject()
        .put("session_id", c.sessionId)
        .put("caller", "86" + c.caller)
        .put("callee", (leg.caller ? "86" : "0") + leg.number)
        .put("call_state", state.name())
        .put("stateTime", PlatformTime.format(now, PlatformTime.STATE_TIME))
        .put("appidentify", appId);
    return new JsonObject().put("describe", "状态数据").put("data", data);
  }

  /** One CDR per leg; a leg never answered is billed 0 seconds. */
  static JsonObject cdrs(SimulatedConferences.Conference c, Instant now, String appId, LongSupplier detailIds) {
    JsonArray data = new JsonArray();
    for (SimulatedConferences.Leg leg : c.legs.values()) {
      Instant begin = leg.answeredAt != null ? leg.answeredAt : c.createdAt;
      Instant end = leg.endedAt != null ? leg.endedAt : now;
      long seconds = leg.answeredAt == null ? 0 : Math.max(0, Duration.between(begin, end).toSeconds());
      data.add(new JsonObject()
          .put("detailId", Long.toString(detailIds.getAsLong()))
          .put("session_id", c.sessionId)
          .put("beginTime", PlatformTime.format(begin, PlatformTime.SECONDS))
          .put("endTime", PlatformTime.format(end, PlatformTime.SECONDS))
          .put("time", Long.toString(seconds))
          .put("caller", c.caller)
          .put("callee", leg.number)
          .put("displaynbr", c.caller)
          .put("com_identify", c.account.companyId == null ? "" : c.account.companyId)
          .put("user_identifer", c.userId)
          .put("app_identify", appId)
          .put("cust_account", "SIM-" + c.account.id)
          .put("product_key", appId)
          .put("product_code", "SIM"));
    }
    return new JsonObject().put("describe", "话单数据").put("data", data);
  }
}
