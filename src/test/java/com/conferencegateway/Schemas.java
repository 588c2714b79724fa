package com.conferencegateway;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The repository's JSON Schema files, used by tests to check what the gateway publishes. */
public final class Schemas {
  private Schemas() {}

  public static Validator forTopic(String topicDefaultName) {
    String path = "/schemas/" + topicDefaultName + ".schema.json";
    try (InputStream in = Schemas.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no schema " + path);
      }
      JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return Validator.create(JsonSchema.of(schema), new JsonSchemaOptions()
          .setDraft(Draft.DRAFT202012).setBaseUri("https://conference-gateway/").setOutputFormat(OutputFormat.Basic));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Null when valid, else the validator's errors as text. */
  public static String problems(Validator validator, JsonObject value) {
    OutputUnit out = validator.validate(value);
    return Boolean.TRUE.equals(out.getValid()) ? null : out.toString();
  }
}
