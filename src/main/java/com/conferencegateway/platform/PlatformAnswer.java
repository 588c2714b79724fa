package com.conferencegateway.platform;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The platform's JSON answer, read leniently: {@code result} as string or number, stray spaces in
 * keys and values (the spec's demos have {@code " describe"}). Only {@code "0"} means success.
 */
public record PlatformAnswer(String result, String describe, JsonObject body) {

  public boolean succeeded() {
    return "0".equals(result);
  }

  public static PlatformAnswer parse(String text) {
    JsonObject raw;
    try {
      raw = new JsonObject(text == null ? "" : text.strip());
    } catch (RuntimeException e) {
      throw new PlatformRejected("the platform answered something that is not a JSON object");
    }
    JsonObject body = trimmed(raw);
    Object result = body.getValue("result");
    if (result == null) {
      throw new PlatformRejected("the platform's answer has no result");
    }
    String describe = body.getValue("describe") == null ? "" : String.valueOf(body.getValue("describe")).strip();
    return new PlatformAnswer(String.valueOf(result).strip(), describe, body);
  }

  public String text(String key) {
    Object v = body.getValue(key);
    if (v == null && body.getValue("data") instanceof JsonObject data) {
      v = data.getValue(key);
    }
    return v == null ? null : String.valueOf(v).strip();
  }

  private static JsonObject trimmed(JsonObject o) {
    JsonObject t = new JsonObject();
    for (Map.Entry<String, Object> e : o) {
      Object v = e.getValue();
      if (v instanceof JsonObject jo) {
        v = trimmed(jo);
      } else if (v instanceof String s) {
        v = s.strip();
      }
      t.put(e.getKey().strip(), v);
    }
    return t;
  }
}
