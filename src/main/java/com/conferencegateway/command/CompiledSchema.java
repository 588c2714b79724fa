package com.conferencegateway.command;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A command's JSON Schema (schemas/commands/), compiled once into checks that run without the
 * general validator: it cost a quarter of the command path's CPU. Only the keywords the command
 * schemas use are understood; a schema with any other is refused at start, so nothing is silently
 * left unchecked. {@code CompiledSchemaTest} holds it to the general validator's verdicts.
 */
final class CompiledSchema {
  private static final Set<String> IGNORED = Set.of("$schema", "$id", "title", "description", "default", "examples");
  private static final Set<String> KNOWN = Set.of("type", "const", "enum", "minLength", "maxLength", "pattern",
      "minimum", "maximum", "minItems", "maxItems", "items", "properties", "required", "additionalProperties");

  private final List<String> types;
  private final Object constant;
  private final List<Object> allowed;
  private final Integer minLength;
  private final Integer maxLength;
  private final Pattern pattern;
  private final Number minimum;
  private final Number maximum;
  private final Integer minItems;
  private final Integer maxItems;
  private final CompiledSchema items;
  private final Map<String, CompiledSchema> properties = new LinkedHashMap<>();
  private final List<String> required;
  private final boolean closed;

  CompiledSchema(JsonObject schema) {
    for (String keyword : schema.fieldNames()) {
      if (!KNOWN.contains(keyword) && !IGNORED.contains(keyword)) {
        throw new IllegalArgumentException("schema keyword \"" + keyword + "\" is not supported by CompiledSchema");
      }
    }
    Object type = schema.getValue("type");
    types = type == null ? null : type instanceof JsonArray a ? a.stream().map(String::valueOf).toList()
        : List.of((String) type);
    constant = schema.getValue("const");
    allowed = schema.containsKey("enum") ? schema.getJsonArray("enum").getList() : null;
    minLength = schema.getInteger("minLength");
    maxLength = schema.getInteger("maxLength");
    pattern = schema.containsKey("pattern") ? Pattern.compile(schema.getString("pattern")) : null;
    minimum = (Number) schema.getValue("minimum");
    maximum = (Number) schema.getValue("maximum");
    minItems = schema.getInteger("minItems");
    maxItems = schema.getInteger("maxItems");
    items = schema.containsKey("items") ? new CompiledSchema(schema.getJsonObject("items")) : null;
    JsonObject props = schema.getJsonObject("properties", new JsonObject());
    props.forEach(e -> properties.put(e.getKey(), new CompiledSchema((JsonObject) e.getValue())));
    required = schema.containsKey("required") ? schema.getJsonArray("required").stream().map(String::valueOf).toList()
        : List.of();
    Object additional = schema.getValue("additionalProperties");
    if (additional != null && !(additional instanceof Boolean)) {
      throw new IllegalArgumentException("additionalProperties other than true/false is not supported");
    }
    closed = Boolean.FALSE.equals(additional);
  }

  /** The first problem found, as "where: what", or null when {@code value} matches. */
  String problem(Object value) {
    List<String> found = new ArrayList<>(1);
    check(value, "", found);
    return found.isEmpty() ? null : found.get(0);
  }

  private boolean check(Object v, String where, List<String> found) {
    String at = where.isEmpty() ? "the command" : where;
    if (types != null && types.stream().noneMatch(t -> is(t, v))) {
      return fail(found, at + ": must be " + String.join(" or ", types));
    }
    if (constant != null && !constant.equals(v)) {
      return fail(found, at + ": must be \"" + constant + "\"");
    }
    if (allowed != null && !allowed.contains(v)) {
      return fail(found, at + ": must be one of " + allowed);
    }
    if (v instanceof String s) {
      int length = s.codePointCount(0, s.length());
      if (minLength != null && length < minLength) {
        return fail(found, at + ": must be at least " + minLength + " characters");
      }
      if (maxLength != null && length > maxLength) {
        return fail(found, at + ": must be at most " + maxLength + " characters");
      }
      if (pattern != null && !pattern.matcher(s).find()) {
        return fail(found, at + ": must match " + pattern.pattern());
      }
    }
    if (v instanceof Number n && !(v instanceof Boolean)) {
      if (minimum != null && n.doubleValue() < minimum.doubleValue()) {
        return fail(found, at + ": must be at least " + minimum);
      }
      if (maximum != null && n.doubleValue() > maximum.doubleValue()) {
        return fail(found, at + ": must be at most " + maximum);
      }
    }
    if (v instanceof JsonArray a) {
      if (minItems != null && a.size() < minItems) {
        return fail(found, at + ": must hold at least " + minItems + " item(s)");
      }
      if (maxItems != null && a.size() > maxItems) {
        return fail(found, at + ": must hold at most " + maxItems + " items");
      }
      if (items != null) {
        for (int i = 0; i < a.size(); i++) {
          if (!items.check(a.getValue(i), where + "/" + i, found)) {
            return false;
          }
        }
      }
    }
    if (v instanceof JsonObject o) {
      for (String name : required) {
        if (!o.containsKey(name)) {
          return fail(found, at + ": " + name + " is required");
        }
      }
      for (String name : o.fieldNames()) {
        CompiledSchema property = properties.get(name);
        if (property == null) {
          if (closed) {
            return fail(found, at + ": " + name + " is not a field of this command");
          }
        } else if (!property.check(o.getValue(name), where + "/" + name, found)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean fail(List<String> found, String problem) {
    found.add(problem);
    return false;
  }

  private static boolean is(String type, Object v) {
    return switch (type) {
      case "string" -> v instanceof String;
      case "object" -> v instanceof JsonObject;
      case "array" -> v instanceof JsonArray;
      case "boolean" -> v instanceof Boolean;
      case "null" -> v == null;
      case "number" -> v instanceof Number;
      case "integer" -> v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
          || v instanceof java.math.BigInteger
          || (v instanceof Double d && d == Math.rint(d) && !d.isInfinite())
          || (v instanceof Float f && f == Math.rint(f) && !f.isInfinite());
      default -> throw new IllegalArgumentException("schema type \"" + type + "\" is not supported");
    };
  }
}
