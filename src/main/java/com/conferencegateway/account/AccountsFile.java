package com.conferencegateway.account;

import com.conferencegateway.config.InvalidConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** PLATFORM_ACCOUNTS_FILE: {@code [{"accountId": "...", "keyPermanent": "..."}]}, the organisation accounts known at start. */
public final class AccountsFile {
  private static final String KEY = "platform.accountsFile (PLATFORM_ACCOUNTS_FILE)";

  private AccountsFile() {}

  /** Account id → permanent key. Read once at start, before the event loops run. */
  public static Map<String, String> read(String file) {
    Map<String, String> accounts = new LinkedHashMap<>();
    if (file == null || file.isBlank()) {
      return accounts;
    }
    JsonArray array;
    try {
      array = new JsonArray(Files.readString(Path.of(file)));
    } catch (IOException e) {
      throw new InvalidConfig(KEY, "cannot read " + file + ": " + e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      throw new InvalidConfig(KEY, file + " is not a JSON array of {\"accountId\", \"keyPermanent\"}");
    }
    for (int i = 0; i < array.size(); i++) {
      Object element = array.getValue(i);
      if (!(element instanceof JsonObject o) || !(o.getValue("accountId") instanceof String id)
          || !(o.getValue("keyPermanent") instanceof String key) || id.isBlank() || key.isBlank()) {
        throw new InvalidConfig(KEY, file + ": entry " + i + " needs string fields accountId and keyPermanent");
      }
      accounts.put(id.strip(), key.strip());
    }
    return accounts;
  }
}
