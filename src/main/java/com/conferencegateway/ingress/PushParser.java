package com.conferencegateway.ingress;

import com.conferencegateway.ingress.PushJson.Document;
import com.conferencegateway.ingress.PushJson.Kind;
import com.conferencegateway.ingress.PushJson.Value;
import com.conferencegateway.platform.PlatformTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
  private static final PushJson STATUS = new PushJson(
      "session_id", "caller", "callee", "call_state", "stateTime", "appidentify");
  private static final PushJson CDR = new PushJson("detailId", "session_id", "beginTime", "endTime", "time",
      "caller", "callee", "displaynbr", "com_identify", "user_identifer", "app_identify", "cust_account",
      "product_key", "product_code");

  private final Set<String> servedAppIds;

  public PushParser(Set<String> servedAppIds) {
    this.servedAppIds = Set.copyOf(servedAppIds);
  }

  /** §7.3.1: {@code {"describe": ..., "data": {...}}}. */
  public CallState parseStatus(byte[] body, Instant receivedAt) {
    Document root = rootObject(STATUS, body);
    if (root.data() == null || root.data().kind() != Kind.OBJECT) {
      throw InvalidPush.malformed("data must be a JSON object holding one call state (§7.3.1)");
    }
    Fields data = new Fields(STATUS, root.data(), "data");
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
    Document root = rootObject(CDR, body);
    if (root.elements() == null) {
      throw InvalidPush.malformed("data must be a JSON array of CDRs (§7.3.2)");
    }
    if (root.elements().isEmpty()) {
      throw InvalidPush.invalid("data holds no CDR");
    }
    Map<String, Cdr> byDetailId = new LinkedHashMap<>();
    for (int i = 0; i < root.elements().size(); i++) {
      Value element = root.elements().get(i);
      String where = "data[" + i + "]";
      if (element.kind() != Kind.OBJECT) {
        throw InvalidPush.malformed(where + " must be a JSON object (one CDR)");
      }
      Cdr cdr = parseCdr(new Fields(CDR, element, where), receivedAt);
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

  private static Document rootObject(PushJson reader, byte[] body) {
    if (body == null || body.length == 0) {
      throw InvalidPush.malformed("the body is empty; expected a JSON object");
    }
    Document root;
    try {
      root = reader.read(body);
    } catch (JsonProcessingException e) {
      throw InvalidPush.malformed("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw InvalidPush.malformed("the body cannot be read as JSON");
    }
    if (root == null) {
      throw InvalidPush.malformed("the body must be a JSON object with \"describe\" and \"data\"");
    }
    if (root.describe() == Kind.ARRAY || root.describe() == Kind.OBJECT) {
      throw InvalidPush.malformed("describe must be a string");
    }
    return root;
  }

  /** Field access for one JSON object of a push, naming fields by their place in the body. */
  private static final class Fields {
    private final PushJson reader;
    private final Value object;
    private final String where;

    Fields(PushJson reader, Value object, String where) {
      this.reader = reader;
      this.object = object;
      this.where = where;
    }

    /** The field's kind, null when absent; JSON null counts as absent. */
    private Kind kind(int at) {
      Kind kind = object.kinds()[at];
      return kind == Kind.NULL ? null : kind;
    }

    private int at(String name) {
      int at = reader.indexOf(name);
      if (at < 0) {
        throw new IllegalArgumentException(name + " is not among the fields read");
      }
      return at;
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
      int at = at(name);
      Kind kind = kind(at);
      if (kind == null) {
        return null;
      }
      String value;
      if (kind == Kind.TEXT) {
        value = object.texts()[at].strip();
      } else if (kind == Kind.INTEGER) {
        value = object.texts()[at];
      } else {
        throw InvalidPush.invalid(where + "." + name + " must be a string, not " + kind.described());
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
      int at = at(name);
      Kind kind = kind(at);
      if (kind == null) {
        throw InvalidPush.invalid(where + "." + name + " is missing");
      }
      String text;
      if (kind == Kind.INTEGER) {
        text = object.texts()[at];
      } else if (kind == Kind.TEXT) {
        text = object.texts()[at].strip();
      } else {
        throw InvalidPush.invalid(where + "." + name + " must be whole seconds, not " + kind.described());
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

    private static String abbreviate(String s) {
      return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
  }
}
