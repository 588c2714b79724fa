package com.conferencegateway.command;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a command: JSON, then its type's JSON Schema (schemas/commands/, compiled), then the record. */
public final class CommandParser {
  public static final List<String> TYPES = List.of("conference.create", "conference.add", "conference.remove",
      "conference.end", "account.register", "account.recharge", "account.refreshKey");

  private final Map<String, CompiledSchema> validators = new HashMap<>();

  public CommandParser() {
    for (String type : TYPES) {
      validators.put(type, new CompiledSchema(schemaOf(type)));
    }
  }

  public Command parse(byte[] bytes) {
    JsonObject json;
    try {
      json = new JsonObject(new String(bytes == null ? new byte[0] : bytes, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      throw new InvalidCommand("NOT_JSON", "the command is not a JSON object", null, null);
    }
    String commandId = json.getValue("commandId") instanceof String s && !s.isBlank() ? s : null;
    String type = json.getValue("type") instanceof String s ? s : null;
    if (commandId == null) {
      throw new InvalidCommand("INVALID_COMMAND", "commandId is missing or not a string", null, type);
    }
    CompiledSchema validator = type == null ? null : validators.get(type);
    if (validator == null) {
      throw new InvalidCommand("UNKNOWN_TYPE", "type " + (type == null ? "is missing" : "\"" + type + "\" is unknown")
          + "; known types: " + String.join(", ", TYPES), commandId, type);
    }
    String problem = validator.problem(json);
    if (problem != null) {
      throw new InvalidCommand("INVALID_COMMAND", problem, commandId, type);
    }
    return toCommand(type, json);
  }

  private static Command toCommand(String type, JsonObject j) {
    String id = j.getString("commandId");
    return switch (type) {
      case "conference.create" -> new Command.CreateConference(id, j.getString("accountId"), j.getString("caller"),
          strings(j.getJsonArray("phones")), j.getString("userId"));
      case "conference.add" -> new Command.AddParticipants(id, j.getString("sessionId"), strings(j.getJsonArray("phones")));
      case "conference.remove" -> new Command.RemoveParticipants(id, j.getString("sessionId"),
          strings(j.getJsonArray("phones")));
      case "conference.end" -> new Command.EndConference(id, j.getString("sessionId"));
      case "account.register" -> new Command.RegisterAccount(id, j.getString("companyId"),
          j.getJsonObject("authData").encode(), j.getString("recordUrl"), j.getString("statusUrl"));
      case "account.recharge" -> new Command.RechargeAccount(id, j.getString("accountId"), j.getLong("amount"),
          j.getString("rechargeType"), String.valueOf(j.getValue("unitPrice")), j.getString("abilityType", "COMM"));
      case "account.refreshKey" -> new Command.RefreshKey(id, j.getString("accountId"));
      default -> throw new IllegalStateException("validated type without a record: " + type);
    };
  }

  private static List<String> strings(JsonArray a) {
    return a.stream().map(String::valueOf).toList();
  }

  /** The type's schema as shipped in the jar, compiled. */
  static JsonObject schemaOf(String type) {
    String path = "/schemas/commands/" + type + ".schema.json";
    try (InputStream in = CommandParser.class.getResourceAsStream(path)) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("schema " + path + " missing from the jar", e);
    }
  }
}
