package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conferencegateway.ingress.PushJson.Document;
import com.conferencegateway.ingress.PushJson.Kind;
import com.conferencegateway.ingress.PushJson.Value;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader against the JSON tree it replaced: for random bodies (repeated and spaced keys,
 * nested values, numbers of every form, broken and trailing text) both see the same fields, or both
 * find the body not JSON.
 */
class PushJsonTest {
  private static final ObjectMapper TREE = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String[] WANTED = {"session_id", "caller", "time"};
  private final PushJson reader = new PushJson(WANTED);

  @Test
  void keysAreStrippedAndTheLastOfARepeatedKeyWins() throws Exception {
    Document d = reader.read(bytes("{\" describe\":\"x\",\"data \":{\"caller\":\"a\",\" caller \":\" b \",\"time\":-0,"
        + "\"session_id\":\"1\",\"session_id\":[]}}"));
    assertThat(d.describe()).isEqualTo(Kind.TEXT);
    assertThat(d.data().texts()).containsExactly(null, " b ", "0");
    assertThat(d.data().kinds()).containsExactly(Kind.ARRAY, Kind.TEXT, Kind.INTEGER);
  }

  @Test
  void aRootThatIsNotAnObjectIsNullAndTextAfterTheRootIsNotJson() throws Exception {
    assertThat(reader.read(bytes("[1, {\"a\": 2}]"))).isNull();
    assertThat(reader.read(bytes("  "))).isNull();
    assertThatThrownBy(() -> reader.read(bytes("{\"data\":{}} {}"))).isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> reader.read(bytes("[] x"))).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void seesWhatTheTreeSeesForRandomBodies() throws Exception {
    Random random = new Random(20261130);
    int broken = 0;
    for (int i = 0; i < 30_000; i++) {
      String body = body(random);
      JsonNode tree;
      try {
        tree = TREE.readTree(bytes(body));
      } catch (JsonProcessingException e) {
        broken++;
        assertThatThrownBy(() -> reader.read(bytes(body))).as(body).isInstanceOf(JsonProcessingException.class);
        continue;
      }
      Document document = reader.read(bytes(body));
      if (tree == null || !tree.isObject()) {
        assertThat(document).as(body).isNull();
        continue;
      }
      assertThat(document).as(body).isNotNull();
      JsonNode describe = stripped(tree, "describe");
      assertThat(document.describe()).as(body).isEqualTo(describe == null ? null : kind(describe));
      JsonNode data = stripped(tree, "data");
      if (data == null) {
        assertThat(document.data()).as(body).isNull();
      } else if (data.isArray()) {
        assertThat(document.data().kind()).as(body).isEqualTo(Kind.ARRAY);
        assertThat(document.elements()).as(body).hasSize(data.size());
        for (int e = 0; e < data.size(); e++) {
          assertSame(body, data.get(e), document.elements().get(e));
        }
      } else {
        assertThat(document.elements()).as(body).isNull();
        assertSame(body, data, document.data());
      }
    }
    assertThat(broken).as("broken bodies among the random ones").isBetween(3_000, 15_000);
  }

  private static void assertSame(String body, JsonNode node, Value value) {
    assertThat(value.kind()).as(body).isEqualTo(kind(node));
    if (!node.isObject()) {
      return;
    }
    for (int f = 0; f < WANTED.length; f++) {
      JsonNode field = stripped(node, WANTED[f]);
      assertThat(value.kinds()[f]).as(body + " " + WANTED[f]).isEqualTo(field == null ? null : kind(field));
      String text = field == null ? null : field.isTextual() ? field.textValue() : field.isIntegralNumber() ? field.asText() : null;
      assertThat(value.texts()[f]).as(body + " " + WANTED[f]).isEqualTo(text);
    }
  }

  /** The tree's value under a key, comparing keys stripped, the last one winning: what the parser did before. */
  private static JsonNode stripped(JsonNode object, String name) {
    JsonNode found = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().strip().equals(name)) {
        found = e.getValue();
      }
    }
    return found;
  }

  private static Kind kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case OBJECT -> Kind.OBJECT;
      case ARRAY -> Kind.ARRAY;
      case STRING -> Kind.TEXT;
      case BOOLEAN -> Kind.BOOLEAN;
      case NUMBER -> node.isIntegralNumber() ? Kind.INTEGER : Kind.DECIMAL;
      default -> Kind.NULL;
    };
  }

  private static String body(Random r) {
    StringBuilder b = new StringBuilder();
    switch (r.nextInt(12)) {
      case 0 -> b.append(value(r, 2));
      default -> object(r, b, new String[] {"describe", " describe", "data", " data ", "other"}, 2);
    }
    String text = b.toString();
    return switch (r.nextInt(10)) {
      case 0 -> text.substring(0, r.nextInt(text.length() + 1));
      case 1 -> text + (r.nextBoolean() ? " {}" : " x");
      default -> r.nextBoolean() ? text : " " + text + "\n";
    };
  }

  private static void object(Random r, StringBuilder b, String[] keys, int depth) {
    // Each raw key once per object: a tree keeps a repeated raw key at its first place, so only then
    // is "the last in the text wins" what the tree saw (exact repeats are pinned above).
    List<String> shuffled = new ArrayList<>(List.of(keys));
    java.util.Collections.shuffle(shuffled, r);
    b.append('{');
    int n = r.nextInt(keys.length + 1);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(',');
      }
      String key = shuffled.get(i);
      b.append('"').append(key).append("\":");
      if (key.strip().equals("data") && depth > 0) {
        if (r.nextBoolean()) {
          object(r, b, new String[] {"session_id", " caller", "caller ", "time", "x"}, depth - 1);
        } else {
          b.append('[');
          int m = r.nextInt(3);
          for (int e = 0; e < m; e++) {
            b.append(e > 0 ? "," : "");
            if (r.nextInt(4) == 0) {
              b.append(value(r, 1));
            } else {
              object(r, b, new String[] {"session_id", "caller", " time ", "y"}, depth - 1);
            }
          }
          b.append(']');
        }
      } else {
        b.append(value(r, depth - 1));
      }
    }
    b.append('}');
  }

  private static String value(Random r, int depth) {
    List<String> simple = new ArrayList<>(List.of("\"s\"", "\" spaced \"", "\"\\u00e9t\\u00e9\"", "12", "-0",
        "123456789012345678901234567890", "1.5", "-2e3", "true", "false", "null", "\"\""));
    if (depth > 0) {
      simple.add("[1,{\"caller\":2},[]]");
      simple.add("{\"caller\":\"nested\",\"data\":[1]}");
    }
    return simple.get(r.nextInt(simple.size()));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
