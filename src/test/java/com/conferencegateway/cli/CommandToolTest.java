package com.conferencegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's subcommands build the contract's command values. */
class CommandToolTest {
  private static JsonObject built(CommandTool.Send send, String... args) {
    new CommandLine(send).parseArgs(args);
    return send.command(new JsonObject().put("commandId", "c-1"));
  }

  @Test
  void addAndRemoveShareTheirOptionsAndDifferOnlyInType() {
    assertThat(built(new CommandTool.Add(), "--session", "S1", "--phones", "139,  137")).isEqualTo(new JsonObject(
        "{\"commandId\":\"c-1\",\"type\":\"conference.add\",\"sessionId\":\"S1\",\"phones\":[\"139\",\"137\"]}"));
    assertThat(built(new CommandTool.Remove(), "--session", "S1", "--phones", "139")).isEqualTo(new JsonObject(
        "{\"commandId\":\"c-1\",\"type\":\"conference.remove\",\"sessionId\":\"S1\",\"phones\":[\"139\"]}"));
  }

  @Test
  void endNamesOnlyTheSession() {
    assertThat(built(new CommandTool.End(), "--session", "S9")).isEqualTo(
        new JsonObject("{\"commandId\":\"c-1\",\"type\":\"conference.end\",\"sessionId\":\"S9\"}"));
  }
}
