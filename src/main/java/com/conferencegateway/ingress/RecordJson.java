package com.conferencegateway.ingress;

import com.conferencegateway.support.JsonBytes;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes a record's flat JSON object straight to bytes with a streaming generator: building a
 * JsonObject and serializing it through databind was 11% of an event loop's CPU per push.
 */
final class RecordJson {
  private RecordJson() {}

  /** One object whose fields {@code fields} writes, in order. */
  static byte[] object(JsonBytes.Writer fields) {
    return JsonBytes.write(g -> {
      g.writeStartObject();
      fields.write(g);
      g.writeEndObject();
    });
  }

  /** Optional fields are left out, not written as null. */
  static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
