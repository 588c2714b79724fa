package com.conferencegateway.ingress;

import com.conferencegateway.platform.PlatformTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the platform's pushes: strict about meaning (the spec's fields, lengths, states and time
 * formats), lenient about form (stray spaces in keys and values, numbers sent as strings and
 * strings sent as numbers). Every refusal names the field and what was wrong.
 */
public final class PushParser {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Set<String> servedAppIds;

  public PushParser(Set<String> servedAppIds) {
    this.servedAppIds = Set.copyOf(servedAppIds);
  }

  /** §7.3.1: {@code {"describe": ..., "data": {...}}}. */
  public CallState parseStatus(byte[] body, Instant receivedAt) {
    Map<String, JsonNode> root = rootObject(body);
    JsonNode dataNode = root.get("data");
    if (!(dataNode instanceof ObjectNode)) {
      throw InvalidPush.malformed("data must be a JSON object holding one call state (§7.3.1)");
    }
    Fields data = new Fields(trimmedKeys(dataNode), "data");
    String sessionId = data.required("session_id", 50);
    String caller = data.required("caller", 20);
    String callee = data.required("callee", 20);
    String state = data.required("call_state", 20);
    if (!CallState.STATES.contains(state)) {
      throw InvalidPush.invalid("data.call_state \"" + state
          + "\" is not a call state; accepted: INVITE, RINGING, ANSWERED, DISCONNECTED, FAILED, CANCEL");
    }
    OffsetDateTime stateTime = data.time("stateTime", 30, PlatformTime.STATE_TIME, "yyyyMMddHHmmssSSS");
    String appId = data.required("appidentify", 100);
    checkApp(appId, "data.appidentify");
    return new CallState(sessionId, caller, callee, state, stateTime, appId, receivedAt);
  }

  /** §7.3.2: {@code {"describe": ..., "data": [{...}, ...]}}; one bad CDR refuses the whole batch. */
  public CdrBatch parseCdrs(byte[] body, Instant receivedAt) {
    Map<String, JsonNode> root = rootObject(body);
    JsonNode dataNode = root.get("data");
    if (dataNode == null || !dataNode.isArray()) {
      throw InvalidPush.malformed("data must be a JSON array of CDRs (§7.3.2)");
    }
    if (dataNode.isEmpty()) {
      throw InvalidPush.invalid("data holds no CDR");
    }
    Map<String, Cdr> byDetailId = new LinkedHashMap<>();
    for (int i = 0; i < dataNode.size(); i++) {
      JsonNode element = dataNode.get(i);
      String where = "data[" + i + "]";
      if (!(element instanceof ObjectNode)) {
        throw InvalidPush.malformed(where + " must be a JSON object (one CDR)");
      }
      Cdr cdr = parseCdr(new Fields(trimmedKeys(element), where), receivedAt);
      byDetailId.putIfAbsent(cdr.detailId(), cdr);
    }
    return new CdrBatch(List.copyOf(byDetailId.values()));
  }

  private Cdr parseCdr(Fields f, Instant receivedAt) {
    String detailId = f.required("detailId", 30);
    String sessionId = f.required("session_id", 50);
    OffsetDateTime begin = f.time("beginTime", 30, PlatformTime.SECONDS, "yyyyMMddHHmmss");
    OffsetDateTime end = f.time("endTime", 30, PlatformTime.SECONDS, "yyyyMMddHHmmss");
    if (end.isBefore(begin)) {
      throw InvalidPush.invalid(f.where + ".endTime is before its beginTime");
    }
    long duration = f.seconds("time");
    String caller = f.required("caller", 20);
    String callee = f.required("callee", 20);
    String display = f.optional("displaynbr", 20);
    String company = f.optional("com_identify", 50);
    String user = f.optional("user_identifer", 30);
    String appId = f.required("app_identify", 100);
    String custAccount = f.optional("cust_account", 100);
    String productKey = f.optional("product_key", 100);
    String productCode = f.optional("product_code", 10);
    checkApp(appId, f.where + ".app_identify");
    return new Cdr(detailId, sessionId, begin, end, duration, caller, callee, display, company, user,
        appId, custAccount, productKey, productCode, receivedAt);
  }

  private void checkApp(String appId, String field) {
    if (!servedAppIds.contains(appId)) {
      throw new InvalidPush(PushCode.UNKNOWN_APP, field + " \"" + appId + "\" is not an app this gateway serves");
    }
  }

  private static Map<String, JsonNode> rootObject(byte[] body) {
    if (body == null || body.length == 0) {
      throw InvalidPush.malformed("the body is empty; expected a JSON object");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw InvalidPush.malformed("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw InvalidPush.malformed("the body cannot be read as JSON");
    }
    if (!(root instanceof ObjectNode)) {
      throw InvalidPush.malformed("the body must be a JSON object with \"describe\" and \"data\"");
    }
    Map<String, JsonNode> fields = trimmedKeys(root);
    JsonNode describe = fields.get("describe");
    if (describe != null && !describe.isNull() && !describe.isValueNode()) {
      throw InvalidPush.malformed("describe must be a string");
    }
    return fields;
  }

  /** The demo bodies carry keys like {@code " call_state"} and {@code "appidentify "}. */
  private static Map<String, JsonNode> trimmedKeys(JsonNode object) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey().strip(), e.getValue());
    }
    return out;
  }

  /** Field access for one JSON object of a push, naming fields by their place in the body. */
  private static final class Fields {
    private final Map<String, JsonNode> fields;
    private final String where;

    Fields(Map<String, JsonNode> fields, String where) {
      this.fields = fields;
      this.where = where;
    }

    String required(String name, int maxLength) {
      String value = optional(name, maxLength);
      if (value == null) {
        throw InvalidPush.invalid(where + "." + name + " is missing");
      }
      return value;
    }

    /** A string field, trimmed; integers are taken as their digits. Null or blank: absent. */
    String optional(String name, int maxLength) {
      JsonNode node = fields.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
      String value;
      if (node.isTextual()) {
        value = node.textValue().strip();
      } else if (node.isIntegralNumber()) {
        value = node.asText();
      } else {
        throw InvalidPush.invalid(where + "." + name + " must be a string, not " + kind(node));
      }
      if (value.isEmpty()) {
        return null;
      }
      checkCharacters(name, value);
      int length = value.codePointCount(0, value.length());
      if (length > maxLength) {
        throw InvalidPush.invalid(where + "." + name + " is " + length + " characters long; at most "
            + maxLength + " are allowed (VARCHAR(" + maxLength + "))");
      }
      return value;
    }

    OffsetDateTime time(String name, int maxLength, DateTimeFormatter format, String pattern) {
      String text = required(name, maxLength);
      try {
        return PlatformTime.parse(text, format);
      } catch (DateTimeParseException e) {
        throw InvalidPush.invalid(where + "." + name + " \"" + text + "\" is not a time in the form " + pattern);
      }
    }

    /** §7.3.2 {@code time}: whole seconds, as a number or a numeric string. */
    long seconds(String name) {
      JsonNode node = fields.get(name);
      if (node == null || node.isNull()) {
        throw InvalidPush.invalid(where + "." + name + " is missing");
      }
      String text;
      if (node.isIntegralNumber()) {
        text = node.asText();
      } else if (node.isTextual()) {
        text = node.textValue().strip();
      } else {
        throw InvalidPush.invalid(where + "." + name + " must be whole seconds, not " + kind(node));
      }
      if (!text.matches("[0-9]{1,10}") || Long.parseLong(text) > Integer.MAX_VALUE) {
        throw InvalidPush.invalid(where + "." + name + " \"" + abbreviate(text)
            + "\" is not a whole number of seconds from 0 to " + Integer.MAX_VALUE);
      }
      return Long.parseLong(text);
    }

    /** Control characters and lone surrogates have no place in ids and numbers, and break re-encoding. */
    private void checkCharacters(String name, String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isISOControl(c)) {
          throw InvalidPush.invalid(where + "." + name + " contains a control character");
        }
        if (Character.isHighSurrogate(c)) {
          if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
            throw InvalidPush.invalid(where + "." + name + " contains an unpaired surrogate (invalid Unicode)");
          }
          i++;
        } else if (Character.isLowSurrogate(c)) {
          throw InvalidPush.invalid(where + "." + name + " contains an unpaired surrogate (invalid Unicode)");
        }
      }
    }

    private static String kind(JsonNode node) {
      return switch (node.getNodeType()) {
        case ARRAY -> "an array";
        case OBJECT -> "an object";
        case BOOLEAN -> "a boolean";
        case NUMBER -> "a decimal number";
        default -> node.getNodeType().name().toLowerCase();
      };
    }

    private static String abbreviate(String s) {
      return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
  }
}
