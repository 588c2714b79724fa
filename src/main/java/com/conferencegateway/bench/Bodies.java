package com.conferencegateway.bench;

import com.conferencegateway.platform.PlatformTime;
import java.time.Instant;
import java.util.List;

/** Realistic push bodies, as the platform sends them. */
final class Bodies {
  private static final String[] STATES = {"INVITE", "RINGING", "ANSWERED", "DISCONNECTED"};

  private Bodies() {}

  static String status(String sessionId, String appId, long n) {
    return "{\"describe\":\"状态数据\",\"data\":{\"session_id\":\"" + sessionId
        + "\",\"caller\":\"8613800000000\",\"callee\":\"0139" + String.format("%08d", n % 100_000_000)
        + "\",\"call_state\":\"" + STATES[(int) (n % STATES.length)] + "\",\"stateTime\":\""
        + PlatformTime.format(Instant.now(), PlatformTime.STATE_TIME) + "\",\"appidentify\":\"" + appId + "\"}}";
  }

  static String cdrs(String sessionId, List<String> detailIds, String appId) {
    String now = PlatformTime.format(Instant.now(), PlatformTime.SECONDS);
    StringBuilder sb = new StringBuilder("{\"describe\":\"话单数据\",\"data\":[");
    for (int i = 0; i < detailIds.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"detailId\":\"").append(detailIds.get(i)).append("\",\"session_id\":\"").append(sessionId)
          .append("\",\"beginTime\":\"").append(now).append("\",\"endTime\":\"").append(now)
          .append("\",\"time\":\"0\",\"caller\":\"13800000000\",\"callee\":\"1390000").append(String.format("%04d", i))
          .append("\",\"displaynbr\":\"13800000000\",\"com_identify\":\"bench\",\"user_identifer\":\"bench\",")
          .append("\"app_identify\":\"").append(appId).append("\",\"cust_account\":\"BENCH\",\"product_key\":\"")
          .append(appId).append("\",\"product_code\":\"NC\"}");
    }
    return sb.append("]}").toString();
  }
}
