package com.conferencegateway.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One call to the platform: its name ({@code createConference}) and its parameters by their wire
 * names, in order. Signing adds {@code timestamp} and {@code sign} (see {@link PlatformClient}).
 */
public record PlatformCall(String name, Map<String, String> params, Signer signer) {

  /** Which key signs a call, and over which id. */
  public enum Signer {
    /** getAccountkey: the account's (or app's) permanent key. */
    PERMANENT_KEY,
    /** accountReg, accountRecharge, createConference: the temp key. */
    TEMP_KEY,
    /** conferenceAdd, conferenceMinus, endConference: not signed in the spec. */
    NONE
  }

  public PlatformCall {
    params = new LinkedHashMap<>(params);
  }

  /** The id the signature is computed over: the app's for accountReg, the account's otherwise. */
  public String signingId() {
    String app = params.get("account_identifer");
    return app != null ? app : params.get("account_identify");
  }
}
