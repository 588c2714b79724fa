package com.conferencegateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandParserTest {
  private final CommandParser parser = new CommandParser();

  private Command parse(String json) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyTypeOfTheContractParsesToItsRecord() {
    assertThat(parse("{\"commandId\":\"1\",\"type\":\"conference.create\",\"accountId\":\"A\",\"caller\":\"13800000000\","
        + "\"phones\":[\"13900000001\"],\"userId\":\"u\"}")).isInstanceOf(Command.CreateConference.class);
    assertThat(parse("{\"commandId\":\"2\",\"type\":\"conference.add\",\"sessionId\":\"S\",\"phones\":[\"13900000001\"]}"))
        .isInstanceOf(Command.AddParticipants.class);
    assertThat(parse("{\"commandId\":\"3\",\"type\":\"conference.remove\",\"sessionId\":\"S\",\"phones\":[\"13900000001\"]}"))
        .isInstanceOf(Command.RemoveParticipants.class);
    assertThat(parse("{\"commandId\":\"4\",\"type\":\"conference.end\",\"sessionId\":\"S\"}"))
        .isInstanceOf(Command.EndConference.class);
    Command reg = parse("{\"commandId\":\"5\",\"type\":\"account.register\",\"companyId\":\"c\","
        + "\"authData\":{\"name\":\"用友\",\"telephone\":\"1\",\"linker\":\"秦\"}}");
    assertThat(((Command.RegisterAccount) reg).authData()).isEqualTo("{\"name\":\"用友\",\"telephone\":\"1\",\"linker\":\"秦\"}");
    Command recharge = parse("{\"commandId\":\"6\",\"type\":\"account.recharge\",\"accountId\":\"A\",\"amount\":100,"
        + "\"rechargeType\":\"money\",\"unitPrice\":\"0.10\"}");
    assertThat(((Command.RechargeAccount) recharge).abilityType()).isEqualTo("COMM");
    assertThat(parse("{\"commandId\":\"7\",\"type\":\"account.refreshKey\",\"accountId\":\"A\"}"))
        .isInstanceOf(Command.RefreshKey.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON        | oops                                                       | NOT_JSON        | ",
      "no commandId    | {\"type\":\"conference.end\",\"sessionId\":\"S\"}          | INVALID_COMMAND | ",
      "unknown type    | {\"commandId\":\"x\",\"type\":\"conference.explode\"}      | UNKNOWN_TYPE    | x",
      "missing field   | {\"commandId\":\"x\",\"type\":\"conference.end\"}          | INVALID_COMMAND | x",
      "bad phone       | {\"commandId\":\"x\",\"type\":\"conference.add\",\"sessionId\":\"S\",\"phones\":[\"abc\"]} | INVALID_COMMAND | x",
      "extra field     | {\"commandId\":\"x\",\"type\":\"conference.end\",\"sessionId\":\"S\",\"oops\":1} | INVALID_COMMAND | x",
      "amount decimal  | {\"commandId\":\"x\",\"type\":\"account.recharge\",\"accountId\":\"A\",\"amount\":1.5,\"rechargeType\":\"money\",\"unitPrice\":\"1\"} | INVALID_COMMAND | x",
  })
  void anInvalidCommandIsRejectedWithACodeAndItsIdWhenItHasOne(String why, String json, String code, String id) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(InvalidCommand.class)
        .satisfies(e -> {
          assertThat(((InvalidCommand) e).code()).isEqualTo(code);
          assertThat(((InvalidCommand) e).commandId()).isEqualTo(id);
          assertThat(e.getMessage()).isNotBlank();
        });
  }
}
