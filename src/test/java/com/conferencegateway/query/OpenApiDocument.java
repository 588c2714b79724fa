package com.conferencegateway.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * docs/openapi.yaml as a test reads it: for a real answer of the query API (path template, method,
 * status, headers and body), whether the document declares that status and its headers, and whether
 * the body is valid under the declared schema (JSON Schema 2020-12, as OpenAPI 3.1 says).
 */
final class OpenApiDocument {
  private static final Path DOC = Path.of("docs", "openapi.yaml");
  private static final String SESSIONS_FILE = "../src/main/resources/schemas/conference.sessions.schema.json";
  private static final String SESSIONS_ID = "https://conference-gateway/schemas/conference.sessions.schema.json";
  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("https://conference-gateway/").setOutputFormat(OutputFormat.Basic);

  private final JsonObject doc;
  private final SchemaRepository repository;

  OpenApiDocument() throws Exception {
    Object tree = new ObjectMapper(new YAMLFactory()).readValue(DOC.toFile(), Object.class);
    this.doc = new JsonObject(new ObjectMapper().writeValueAsString(tree));
    this.repository = SchemaRepository.create(OPTIONS);
    repository.dereference(JsonSchema.of(new JsonObject(Files.readString(
        DOC.getParent().resolve(SESSIONS_FILE).normalize()))));
  }

  /** Every way the answer departs from the document; empty when it conforms. */
  List<String> problems(String pathTemplate, String method, int status, Function<String, String> header, String body) {
    List<String> problems = new ArrayList<>();
    JsonObject operation = doc.getJsonObject("paths").getJsonObject(pathTemplate, new JsonObject())
        .getJsonObject(method.toLowerCase(), null);
    if (operation == null) {
      return List.of(method + " " + pathTemplate + " is not in the document");
    }
    JsonObject response = operation.getJsonObject("responses").getJsonObject(String.valueOf(status));
    if (response == null) {
      return List.of(method + " " + pathTemplate + " declares no " + status + " answer");
    }
    response = resolve(response);
    JsonObject headers = response.getJsonObject("headers", new JsonObject());
    for (String name : headers.fieldNames()) {
      String value = header.apply(name);
      JsonObject schema = headers.getJsonObject(name).getJsonObject("schema", new JsonObject());
      if (value == null) {
        problems.add("header " + name + " is missing");
      } else if (schema.containsKey("const") && !schema.getString("const").equals(value)) {
        problems.add("header " + name + " is \"" + value + "\", not \"" + schema.getString("const") + "\"");
      }
    }
    JsonObject json = response.getJsonObject("content", new JsonObject()).getJsonObject("application/json");
    if (json != null) {
      JsonObject schema = (JsonObject) inline(json.getJsonObject("schema"));
      OutputUnit out = repository.validator(JsonSchema.of(schema), OPTIONS).validate(new JsonObject(body));
      if (!Boolean.TRUE.equals(out.getValid())) {
        problems.add("body does not match the schema: " + out + "\n" + body);
      }
    }
    return problems;
  }

  private JsonObject resolve(JsonObject maybeRef) {
    String ref = maybeRef.getString("$ref");
    return ref == null ? maybeRef : resolve(pointer(ref));
  }

  private JsonObject pointer(String ref) {
    JsonObject node = doc;
    for (String part : ref.substring(2).split("/")) {
      node = node.getJsonObject(part);
    }
    return node;
  }

  /** The schema with the document's own references inlined and the sessions file named by its $id. */
  private Object inline(Object node) {
    if (node instanceof JsonObject o) {
      String ref = o.getString("$ref");
      if (SESSIONS_FILE.equals(ref)) {
        return new JsonObject().put("$ref", SESSIONS_ID);
      }
      if (ref != null && ref.startsWith("#/")) {
        return inline(pointer(ref).copy());
      }
      JsonObject out = new JsonObject();
      for (Map.Entry<String, Object> e : o) {
        out.put(e.getKey(), inline(e.getValue()));
      }
      return out;
    }
    if (node instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(inline(v)));
      return out;
    }
    return node;
  }
}
