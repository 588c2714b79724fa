package com.conferencegateway.ingress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One streaming pass over a push's bytes, in place of a JSON tree: the tree and a second map of its
 * trimmed keys were a quarter of all the bytes the gateway allocated per push. It keeps only the fields
 * {@link PushParser} asks for, with their keys stripped (the demo bodies carry {@code " call_state"}),
 * the last of a repeated key winning, as in a tree. It refuses only what is not JSON; what the JSON
 * means is the parser's to judge, after the whole body was read, so that a body both broken and of the
 * wrong shape is refused as broken, as before.
 */
final class PushJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** What a JSON value is, as far as the parser's answers need to tell. */
  enum Kind {
    TEXT, INTEGER, NULL, BOOLEAN, DECIMAL, ARRAY, OBJECT;

    /** How a refusal names a value of this kind. */
    String described() {
      return switch (this) {
        case ARRAY -> "an array";
        case OBJECT -> "an object";
        case BOOLEAN -> "a boolean";
        case DECIMAL -> "a decimal number";
        case NULL -> "null";
        case TEXT -> "a string";
        case INTEGER -> "an integer";
      };
    }
  }

  /**
   * One value of the body: its kind and, for an object, the wanted fields it holds, by their position
   * in the wanted names. A field's text is a string's text or an integer's digits; its kind is null
   * when the object does not hold it.
   */
  record Value(Kind kind, String[] texts, Kind[] kinds) {
    static Value of(Kind kind) {
      return new Value(kind, null, null);
    }
  }

  /**
   * The body's root object: the kind of {@code describe}, and {@code data} (null when absent); when
   * data is an array, {@code elements} holds its values in order. Null for a body whose root is not an
   * object.
   */
  record Document(Kind describe, Value data, List<Value> elements) {}

  private final String[] wanted;

  /** @param wanted the names of the fields to keep of data's object, or of each of its array's objects */
  PushJson(String... wanted) {
    this.wanted = wanted.clone();
  }

  int indexOf(String name) {
    for (int i = 0; i < wanted.length; i++) {
      if (wanted[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The document, or null when the root is not an object; a body that is not JSON throws. */
  Document read(byte[] body) throws IOException {
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken first = p.nextToken();
      Document document = null;
      if (first == JsonToken.START_OBJECT) {
        document = root(p);
      } else if (first != null) {
        p.skipChildren();
      }
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new TrailingContent(p, trailing);
      }
      return document;
    }
  }

  private Document root(JsonParser p) throws IOException {
    Kind describe = null;
    Value data = null;
    List<Value> elements = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName().strip();
      JsonToken token = p.nextToken();
      if (name.equals("data")) {
        elements = token == JsonToken.START_ARRAY ? elements(p) : null;
        data = elements != null ? Value.of(Kind.ARRAY) : value(p, token);
      } else {
        if (name.equals("describe")) {
          describe = kindOf(token);
        }
        p.skipChildren();
      }
    }
    return new Document(describe, data, elements);
  }

  private List<Value> elements(JsonParser p) throws IOException {
    List<Value> elements = new ArrayList<>();
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      elements.add(value(p, token));
    }
    return elements;
  }

  /** An object with its wanted fields; any other value by its kind alone. */
  private Value value(JsonParser p, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Value.of(kindOf(token));
    }
    String[] texts = new String[wanted.length];
    Kind[] kinds = new Kind[wanted.length];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      int at = indexOf(p.currentName().strip());
      JsonToken field = p.nextToken();
      if (at >= 0) {
        kinds[at] = kindOf(field);
        texts[at] = switch (field) {
          case VALUE_STRING -> p.getText();
          // As a tree would print it: "-0" is 0.
          case VALUE_NUMBER_INT -> p.getNumberValue().toString();
          default -> null;
        };
      }
      p.skipChildren();
    }
    return new Value(Kind.OBJECT, texts, kinds);
  }

  private static Kind kindOf(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> Kind.OBJECT;
      case START_ARRAY -> Kind.ARRAY;
      case VALUE_STRING -> Kind.TEXT;
      case VALUE_NUMBER_INT -> Kind.INTEGER;
      case VALUE_NUMBER_FLOAT -> Kind.DECIMAL;
      case VALUE_TRUE, VALUE_FALSE -> Kind.BOOLEAN;
      default -> Kind.NULL;
    };
  }

  /** Something after the root value: not one JSON document. */
  static final class TrailingContent extends JsonProcessingException {
    TrailingContent(JsonParser p, JsonToken token) {
      super("Trailing token (" + token + ") found after the root value", p.currentLocation());
    }
  }
}
