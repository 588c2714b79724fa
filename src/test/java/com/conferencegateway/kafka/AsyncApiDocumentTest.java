package com.conferencegateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncApiDocumentTest {
  private static final Path DOC = Path.of("docs", "asyncapi.yaml");

  @Test
  void everyTopicOfTheContractIsAChannelAndEverySchemaItNamesExists() throws Exception {
    JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(DOC.toFile());
    List<String> addresses = new ArrayList<>();
    doc.get("channels").forEach(c -> addresses.add(c.get("address").asText()));
    assertThat(addresses).as("every topic of the configuration")
        .containsExactlyInAnyOrderElementsOf(com.conferencegateway.config.ConfigLoader.defaultsOnly().kafka().topics().all());
    List<String> refs = new ArrayList<>();
    collectFileRefs(doc, refs);
    assertThat(refs).hasSizeGreaterThanOrEqualTo(10);
    for (String ref : refs) {
      assertThat(Files.isRegularFile(DOC.getParent().resolve(ref).normalize())).as(ref).isTrue();
    }
  }

  private static void collectFileRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && !ref.asText().startsWith("#")) {
        out.add(ref.asText());
      }
      node.forEach(child -> collectFileRefs(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collectFileRefs(child, out));
    }
  }
}
