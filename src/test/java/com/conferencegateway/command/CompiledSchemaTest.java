package com.conferencegateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compiled command schemas give the same verdict as a full JSON Schema 2020-12 validator, on
 * valid commands of every type and on thousands of mutations of them.
 */
class CompiledSchemaTest {
  private static final Map<String, JsonObject> VALID = Map.of(
      "conference.create", new JsonObject().put("accountId", "ACC-1").put("caller", "13800000000")
          .put("phones", new JsonArray().add("13900000001").add("+8613900000002")).put("userId", "u-1"),
      "conference.add", new JsonObject().put("sessionId", "60048697352637101321471681503865")
          .put("phones", new JsonArray().add("13900000001")),
      "conference.remove", new JsonObject().put("sessionId", "s-1").put("phones", new JsonArray().add("13900000001")),
      "conference.end", new JsonObject().put("sessionId", "s-1"),
      "account.register", new JsonObject().put("companyId", "yonyou").put("authData", new JsonObject()
          .put("name", "用友").put("telephone", "17001090122").put("linker", "秦福欣").put("email", "q@x.cn"))
          .put("statusUrl", "http://gw/platform/status"),
      "account.recharge", new JsonObject().put("accountId", "ACC-1").put("amount", 500).put("rechargeType", "time")
          .put("unitPrice", "0.05").put("abilityType", "COMM"),
      "account.refreshKey", new JsonObject().put("accountId", "ACC-1"));

  private static final Object[] ODD_VALUES = {null, "", " ", "x".repeat(300), "abc", "13900000001", "money", "gold",
      0, -1, 1, 2.5, 1e13, 999999999999L, true, new JsonArray(), new JsonArray().add("1"), new JsonArray().add(1),
      new JsonObject(), new JsonObject().put("name", "n").put("telephone", "t").put("linker", "l"), "0.05", "1.2345678",
      "conference.create", "COMM", "\u4e2d".repeat(31)};

  private static Validator full(String type) {
    return Validator.create(JsonSchema.of(CommandParser.schemaOf(type)), new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012).setBaseUri("https://conference-gateway/").setOutputFormat(OutputFormat.Basic));
  }

  private static JsonObject command(String type, JsonObject fields) {
    return fields.copy().put("commandId", "c-1").put("type", type);
  }

  @Test
  void validCommandsOfEveryTypePass() {
    VALID.forEach((type, fields) -> {
      assertThat(new CompiledSchema(CommandParser.schemaOf(type)).problem(command(type, fields))).as(type).isNull();
      assertThat(full(type).validate(command(type, fields)).getValid()).as(type).isTrue();
    });
  }

  @Test
  void theVerdictIsTheFullValidatorsOnThousandsOfMutatedCommands() {
    Random random = new Random(7);
    int disagreements = 0;
    List<String> examples = new ArrayList<>();
    int checked = 0;
    for (String type : CommandParser.TYPES) {
      CompiledSchema compiled = new CompiledSchema(CommandParser.schemaOf(type));
      Validator full = full(type);
      List<String> fields = new ArrayList<>(command(type, VALID.get(type)).fieldNames());
      fields.add("unexpected");
      for (int i = 0; i < 1500; i++) {
        JsonObject c = command(type, VALID.get(type));
        for (int m = 0; m <= random.nextInt(2); m++) {
          String field = fields.get(random.nextInt(fields.size()));
          switch (random.nextInt(4)) {
            case 0 -> c.remove(field);
            case 1 -> c.put(field, ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
            case 2 -> c.put("authData", ((JsonObject) VALID.get("account.register").getValue("authData")).copy()
                .put(random.nextBoolean() ? "name" : "extra", ODD_VALUES[random.nextInt(ODD_VALUES.length)]));
            default -> c.put("phones", new JsonArray().add(ODD_VALUES[random.nextInt(ODD_VALUES.length)]));
          }
        }
        boolean fullValid = Boolean.TRUE.equals(full.validate(c).getValid());
        boolean compiledValid = compiled.problem(c) == null;
        checked++;
        if (fullValid != compiledValid) {
          disagreements++;
          if (examples.size() < 5) {
            examples.add(c.encode() + " full=" + fullValid + " compiled=" + compiled.problem(c));
          }
        }
      }
    }
    assertThat(checked).isEqualTo(7 * 1500);
    assertThat(disagreements).as(String.join("\n", examples)).isZero();
  }

  @Test
  void aProblemNamesTheFieldAndWhatIsWrong() {
    CompiledSchema create = new CompiledSchema(CommandParser.schemaOf("conference.create"));
    JsonObject c = command("conference.create", VALID.get("conference.create"));
    assertThat(create.problem(c.copy().put("phones", new JsonArray().add("abc")))).startsWith("/phones/0: must match");
    assertThat(create.problem(c.copy().put("surprise", 1))).contains("surprise");
    c.remove("caller");
    assertThat(create.problem(c)).contains("caller is required");
  }

  @Test
  void aSchemaKeywordItCannotCheckIsRefusedAtStartNotIgnored() {
    assertThatThrownBy(() -> new CompiledSchema(new JsonObject().put("type", "string").put("format", "email")))
        .hasMessageContaining("format");
  }
}
