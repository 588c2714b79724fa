package com.conferencegateway.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code wanted} top-level strings and numbers of a JSON object, read with the streaming parser
 * and the rest skipped undecoded: for the hot readers that need a few fields of each record (the
 * fold's events, the view's summaries, the done-commands window's commandIds), where building a full
 * tree cost more than the rest of their work. The whole text is still read, so what is not JSON is
 * refused.
 */
public final class FlatJson {
  private static final JsonFactory JSON = new JsonFactory();

  private FlatJson() {}

  /**
   * Strings as {@code String}, whole numbers as {@code Long}, others as {@code Double}; a wanted field
   * holding null, a boolean, an object or an array is left out. Throws {@link IllegalArgumentException}
   * naming what is wrong when the text is not one JSON object, or there is none.
   */
  public static Map<String, Object> read(byte[] json, Set<String> wanted) {
    if (json == null) {
      throw new IllegalArgumentException("no value (a tombstone)");
    }
    Map<String, Object> fields = new HashMap<>(16);
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken token = p.nextToken();
        if (!wanted.contains(field)) {
          p.skipChildren();
          continue;
        }
        switch (token) {
          case VALUE_STRING -> fields.put(field, p.getText());
          case VALUE_NUMBER_INT -> fields.put(field, p.getLongValue());
          case VALUE_NUMBER_FLOAT -> fields.put(field, p.getDoubleValue());
          case START_OBJECT, START_ARRAY -> p.skipChildren();
          default -> { }
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("not one JSON object");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return fields;
  }
}
