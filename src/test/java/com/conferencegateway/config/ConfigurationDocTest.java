package com.conferencegateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/configuration.md cannot drift: one row per key of the records, with its variable and its default. */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("docs", "configuration.md");

  /** A default as the page writes it: the empty string as "", the rest as Java prints it. */
  static String render(Object value) {
    return value instanceof String s && s.isEmpty() ? "\"\"" : String.valueOf(value);
  }

  /** The page's rows: key to its cells. */
  private static Map<String, List<String>> rows() throws Exception {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("| `")) {
        List<String> cells = List.of(line.substring(1, line.length() - 1).split(" \\| "));
        rows.put(strip(cells.get(0)), cells.stream().map(String::strip).toList());
      }
    }
    return rows;
  }

  private static String strip(String cell) {
    return cell.strip().replaceAll("^`|`$", "");
  }

  @Test
  void everyKeyIsOnThePageWithItsVariableAndItsDefaultAndNothingElseIs() throws Exception {
    Map<String, List<String>> rows = rows();
    GatewayConfig defaults = ConfigLoader.defaultsOnly();
    assertThat(rows.keySet()).as("the keys on the page, in the records' order")
        .containsExactlyElementsOf(ConfigKeys.all().stream().map(ConfigKeys.Key::path).toList());
    for (ConfigKeys.Key key : ConfigKeys.all()) {
      List<String> cells = rows.get(key.path());
      String variable = key.variable() + (key.shape() == ConfigKeys.Shape.MAP ? "_*" : "");
      assertThat(strip(cells.get(1))).as("variable of " + key.path()).isEqualTo(variable);
      assertThat(strip(cells.get(2))).as("default of " + key.path())
          .isEqualTo(render(ConfigKeys.valueAt(defaults, key.path())));
      assertThat(cells.get(3)).as("valid values of " + key.path()).isNotBlank();
      assertThat(cells.get(4)).as("meaning of " + key.path()).isNotBlank();
    }
  }
}
