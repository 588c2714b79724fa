package com.conferencegateway.ingress;

/** The spec's two demo push bodies (§7.3.1, §7.3.2), with ASCII quotes; the stray spaces kept. */
public final class DemoPushes {
  public static final String STATUS_APP = "9216BC2CE463C6633FA0EA1EFB4E7FBF";
  public static final String CDR_APP = "1234515A3EA0B424D387F290FA6E7898";

  public static final String STATUS = """
      {
      "describe":"状态数据",
      "data":{
            "session_id":"60048697352637101321471681503865",
           "caller":"8617001090107",
           "callee":"018811033389 ",
      " call_state":" RINGING",
      "stateTime":"20150504141420069",
      "appidentify ":"9216BC2CE463C6633FA0EA1EFB4E7FBF"
          }
      }
      """;

  public static final String CDR = """
      {
      "describe":"话单数据",
      "data":[
      {
      "caller":"17001090122",
      "session_id":"77763887427535004275894234515082",
      "displaynbr":"17001090122",
      "beginTime":"20150624145042",
      "endTime":"20150624145331",
      "cust_account":"NC-719084",
      "time":"169",
      "com_identify":"com-123456",
      "user_identifer":"user-123456",
      "product_code":"NC",
      "app_identify":"1234515A3EA0B424D387F290FA6E7898",
      "callee":"18662187762",
      "product_key":"1234515A3EA0B424D387F290FA6E7898",
      "detailId":"12853"
      }
      ]
      }
      """;

  private DemoPushes() {}

  /** A valid CDR batch of {@code detailIds}, all of the demo's app. */
  public static String cdrBatch(String sessionId, String... detailIds) {
    StringBuilder sb = new StringBuilder("{\"describe\":\"cdr\",\"data\":[");
    for (int i = 0; i < detailIds.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("""
          {"detailId":"%s","session_id":"%s","beginTime":"20261129100000","endTime":"20261129100130",
           "time":90,"caller":"8613800000000","callee":"013900000000","app_identify":"%s"}"""
          .formatted(detailIds[i], sessionId, CDR_APP));
    }
    return sb.append("]}").toString();
  }

  public static String status(String sessionId, String callee, String state, String stateTime) {
    return """
        {"describe":"state","data":{"session_id":"%s","caller":"8613800000000","callee":"%s",
         "call_state":"%s","stateTime":"%s","appidentify":"%s"}}"""
        .formatted(sessionId, callee, state, stateTime, STATUS_APP);
  }
}
