package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushParserTest {
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00.123456Z");
  private final PushParser parser = new PushParser(Set.of(DemoPushes.STATUS_APP, DemoPushes.CDR_APP));

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theDemoStatusBecomesTheContractsJsonWithSpacesTrimmedAndTheTimeInUtcPlus8() {
    CallState state = parser.parseStatus(bytes(DemoPushes.STATUS), NOW);
    assertThat(new String(state.toJsonBytes(), StandardCharsets.UTF_8)).isEqualTo("""
        {"sessionId":"60048697352637101321471681503865","caller":"8617001090107","callee":"018811033389",\
        "state":"RINGING","stateTime":"2015-05-04T14:14:20.069+08:00",\
        "appId":"9216BC2CE463C6633FA0EA1EFB4E7FBF","receivedAt":"2026-11-29T10:00:00.123Z"}""");
  }

  @Test
  void theDemoCdrBecomesTheContractsJson() {
    CdrBatch batch = parser.parseCdrs(bytes(DemoPushes.CDR), NOW);
    assertThat(batch.cdrs()).hasSize(1);
    assertThat(new String(batch.cdrs().get(0).toJsonBytes(), StandardCharsets.UTF_8)).isEqualTo("""
        {"detailId":"12853","sessionId":"77763887427535004275894234515082",\
        "beginTime":"2015-06-24T14:50:42+08:00","endTime":"2015-06-24T14:53:31+08:00",\
        "durationSeconds":169,"caller":"17001090122","callee":"18662187762",\
        "displayNumber":"17001090122","companyId":"com-123456","userId":"user-123456",\
        "appId":"1234515A3EA0B424D387F290FA6E7898","custAccount":"NC-719084",\
        "productKey":"1234515A3EA0B424D387F290FA6E7898","productCode":"NC",\
        "receivedAt":"2026-11-29T10:00:00.123Z"}""");
  }

  @Test
  void theSamePushTwiceHasTheSameEventIdAndAnotherStateAnother() {
    CallState a = parser.parseStatus(bytes(DemoPushes.STATUS), NOW);
    CallState b = parser.parseStatus(bytes(DemoPushes.STATUS), NOW.plusSeconds(5));
    CallState c = parser.parseStatus(bytes(DemoPushes.STATUS.replace("RINGING", "ANSWERED")), NOW);
    assertThat(a.eventId()).isEqualTo(b.eventId()).isNotEqualTo(c.eventId());
  }

  @Test
  void timeIsAcceptedAsANumberOrANumericString() {
    String asNumber = DemoPushes.CDR.replace("\"time\":\"169\"", "\"time\":169");
    assertThat(parser.parseCdrs(bytes(asNumber), NOW).cdrs().get(0).durationSeconds()).isEqualTo(169);
  }

  @Test
  void optionalCdrFieldsLeftOutAreAbsentFromTheJson() {
    CdrBatch batch = parser.parseCdrs(bytes(DemoPushes.cdrBatch("s-1", "d-1")), NOW);
    assertThat(new io.vertx.core.json.JsonObject(io.vertx.core.buffer.Buffer.buffer(batch.cdrs().get(0).toJsonBytes())).fieldNames())
        .doesNotContain("displayNumber", "companyId", "userId", "custAccount", "productKey", "productCode");
  }

  @Test
  void aRepeatedDetailIdWithinOneBatchIsKeptOnce() {
    assertThat(parser.parseCdrs(bytes(DemoPushes.cdrBatch("s", "d-1", "d-1", "d-2")), NOW).cdrs())
        .extracting(Cdr::detailId).containsExactly("d-1", "d-2");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON                 | {oops                                             | 0001 | not valid JSON",
      "JSON array at the root   | []                                                | 0001 | JSON object",
      "data not an object       | {\"data\":[1]}                                    | 0001 | data must be a JSON object",
      "missing data             | {\"describe\":\"x\"}                              | 0001 | data must be",
      "trailing garbage         | {\"data\":{}} x                                   | 0001 | not valid JSON",
      "empty body               | ''                                                | 0001 | empty",
  })
  void statusShapesThatAreNotTheSpecsAre0001(String why, String body, String code, String message) {
    assertRefused(() -> parser.parseStatus(bytes(body), NOW), code, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown state            | \" RINGING\" | \"RINGIN\"                        | 0005 | data.call_state",
      "missing session          | \"session_id\" | \"sid\"                        | 0005 | data.session_id is missing",
      "session too long         | 60048697352637101321471681503865 | 600486973526371013214716815038656004869735263710132147 | 0005 | at most 50",
      "bad time                 | 20150504141420069 | 20151304141420069          | 0005 | data.stateTime",
      "time without millis      | 20150504141420069 | 2015-05-04 14:14:20        | 0005 | yyyyMMddHHmmssSSS",
      "caller as an object      | \"8617001090107\" | {}                           | 0005 | data.caller must be a string",
      "unknown app              | 9216BC2CE463C6633FA0EA1EFB4E7FBF | FFFF          | 0003 | data.appidentify",
  })
  void statusFieldsThatAreWrongNameTheField(String why, String replace, String with, String code, String message) {
    String body = DemoPushes.STATUS.replace(replace, with);
    assertThat(body).isNotEqualTo(DemoPushes.STATUS);
    assertRefused(() -> parser.parseStatus(bytes(body), NOW), code, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "data not an array        | \"data\":[                   | \"data\":\"oops\",\"x\":[ | 0001 | data must be a JSON array",
      "time not a number        | \"169\"                       | \"16x9\"          | 0005 | data[0].time",
      "negative time            | \"169\"                       | -3                | 0005 | data[0].time",
      "time as a decimal        | \"169\"                       | 1.5               | 0005 | data[0].time must be whole seconds",
      "end before begin         | 20150624145331                | 20150624145041    | 0005 | endTime is before",
      "detailId too long        | \"12853\"                     | \"1234567890123456789012345678901\" | 0005 | data[0].detailId is 31 characters",
      "unknown app              | \"app_identify\":\"1234515A3EA0B424D387F290FA6E7898\" | \"app_identify\":\"X\" | 0003 | data[0].app_identify",
      "control character        | \"com-123456\"                | \"com\\u0000\"     | 0005 | control character",
      "lone surrogate           | \"com-123456\"                | \"\\ud800x\"       | 0005 | surrogate",
  })
  void cdrFieldsThatAreWrongNameTheField(String why, String replace, String with, String code, String message) {
    String body = DemoPushes.CDR.replace(replace, with);
    assertThat(body).isNotEqualTo(DemoPushes.CDR);
    assertRefused(() -> parser.parseCdrs(bytes(body), NOW), code, message);
  }

  @Test
  void oneBadCdrRefusesTheWholeBatch() {
    String batch = DemoPushes.cdrBatch("s", "ok-1", "ok-2").replaceFirst("\"time\":90", "\"time\":\"ninety\"");
    assertRefused(() -> parser.parseCdrs(bytes(batch), NOW), "0005", "data[0].time");
  }

  @Test
  void anEmptyCdrBatchIsInvalid() {
    assertRefused(() -> parser.parseCdrs(bytes("{\"data\":[]}"), NOW), "0005", "no CDR");
  }

  private static void assertRefused(Runnable parse, String code, String message) {
    assertThatThrownBy(parse::run)
        .isInstanceOf(InvalidPush.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((InvalidPush) e).code().cdrCode()).isEqualTo(code));
  }
}
