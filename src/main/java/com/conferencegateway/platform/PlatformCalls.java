package com.conferencegateway.platform;

import com.conferencegateway.platform.PlatformCall.Signer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seven calls of the spec, with its exact wire names ({@code account_identifer} vs {@code account_identify}, ...). */
public final class PlatformCalls {
  private PlatformCalls() {}

  /** §7.1.1; {@code id} is an account's id, or the app's id to get the app's temp key (§6). */
  public static PlatformCall getAccountkey(String id) {
    return new PlatformCall("getAccountkey", Map.of("account_identify", id), Signer.PERMANENT_KEY);
  }

  /** §7.1.2, signed with the app's temp key. {@code authData} is the JSON text of name, telephone, linker, email. */
  public static PlatformCall accountReg(String appId, String companyId, String authData, String recordUrl,
      String statusUrl) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("account_identifer", appId);
    p.put("company_identifer", companyId);
    p.put("authData", authData);
    p.put("record_url", recordUrl);
    p.put("status_url", statusUrl);
    return new PlatformCall("accountReg", p, Signer.TEMP_KEY);
  }

  /** §7.1.3; {@code type} is the wire code: 01 money, 02 time. */
  public static PlatformCall accountRecharge(String accountId, long amount, String type, String unitPrice,
      String abilityType) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("account_identify", accountId);
    p.put("amount", Long.toString(amount));
    p.put("type", type);
    p.put("unit_price", unitPrice);
    p.put("ability_type", abilityType);
    return new PlatformCall("accountRecharge", p, Signer.TEMP_KEY);
  }

  /** §7.2.1 */
  public static PlatformCall createConference(String accountId, String caller, List<String> phones, String userId) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("caller", caller);
    p.put("phones", String.join(",", phones));
    p.put("account_identify", accountId);
    p.put("userId", userId);
    return new PlatformCall("createConference", p, Signer.TEMP_KEY);
  }

  /** §7.2.2 */
  public static PlatformCall conferenceAdd(String sessionId, List<String> phones) {
    return new PlatformCall("conferenceAdd", Map.of("sessionid", sessionId, "calledNbr", String.join(",", phones)),
        Signer.NONE);
  }

  /** §7.2.3 */
  public static PlatformCall conferenceMinus(String sessionId, List<String> phones) {
    return new PlatformCall("conferenceMinus", Map.of("sessionid", sessionId, "calledNbr", String.join(",", phones)),
        Signer.NONE);
  }

  /** §7.2.4 */
  public static PlatformCall endConference(String sessionId) {
    return new PlatformCall("endConference", Map.of("sessionid", sessionId), Signer.NONE);
  }
}
