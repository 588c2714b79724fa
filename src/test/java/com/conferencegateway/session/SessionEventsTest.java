package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SessionEventsTest {
  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aStateValueOfTheContractIsALegChange() {
    SessionEvent.LegChanged e = SessionEvents.state(bytes("""
        {"sessionId":"s1","caller":"8617001090107","callee":"018811033389","state":"RINGING",
         "stateTime":"2015-05-04T14:14:20.069+08:00","appId":"APP","receivedAt":"2026-11-29T10:00:00.123Z"}"""));
    assertThat(e).isEqualTo(new SessionEvent.LegChanged("s1", "APP", "8617001090107", "018811033389", "RINGING",
        "2015-05-04T14:14:20.069+08:00"));
  }

  @Test
  void fieldsTheFoldDoesNotReadAreSkippedWhateverTheyHold() {
    SessionEvent.LegChanged e = SessionEvents.state(bytes("""
        {"extra":{"nested":[1,{"sessionId":"not this one"}]},"sessionId":"s1","callee":"c","state":"ANSWERED",
         "stateTime":"2015-05-04T14:14:20.069+08:00","receivedAt":"\\u00e9 not a time","more":[null,true]}"""));
    assertThat(e.sessionId()).isEqualTo("s1");
    assertThat(e.state()).isEqualTo("ANSWERED");
    SessionEvent.CdrBilled cdr = SessionEvents.cdr(bytes("""
        {"detailId":"d1","sessionId":"s1","beginTime":"x","endTime":"y","durationSeconds":169,"caller":"a",
         "callee":"b","displayNumber":"n","companyId":"c","userId":"u","appId":"APP","custAccount":"k",
         "productKey":"p","productCode":"NC","receivedAt":"2026-11-29T10:00:00.123Z"}"""));
    assertThat(cdr).isEqualTo(new SessionEvent.CdrBilled("s1", "APP", "d1", 169));
  }

  @Test
  void onlySucceededCreatesAndEndsWithASessionAreFolded() {
    assertThat(SessionEvents.result(bytes("""
        {"commandId":"c1","type":"conference.create","status":"succeeded","sessionId":"s1","accountId":"A",
         "attempts":1,"completedAt":"2026-11-29T10:00:01.456Z"}""")))
        .isEqualTo(new SessionEvent.Created("s1", "A", "2026-11-29T10:00:01.456Z"));
    assertThat(SessionEvents.result(bytes("""
        {"commandId":"c2","type":"conference.end","status":"succeeded","sessionId":"s1","attempts":1,
         "completedAt":"2026-11-29T10:00:09.000Z"}""")))
        .isEqualTo(new SessionEvent.EndAccepted("s1", "2026-11-29T10:00:09.000Z"));
    assertThat(SessionEvents.result(bytes("""
        {"commandId":"c3","type":"conference.create","status":"failed","attempts":1,
         "completedAt":"2026-11-29T10:00:01.456Z"}"""))).isNull();
    assertThat(SessionEvents.result(bytes("""
        {"commandId":"c4","type":"conference.add","status":"succeeded","sessionId":"s1","attempts":1,
         "completedAt":"2026-11-29T10:00:01.456Z"}"""))).isNull();
    assertThat(SessionEvents.resultSession(bytes("not json"))).isNull();
  }

  @Test
  void unreadableValuesSayWhatIsWrong() {
    assertThatThrownBy(() -> SessionEvents.state(bytes("[1]"))).isInstanceOf(UnreadableEvent.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> SessionEvents.state(bytes("{\"sessionId\":\"s\",\"callee\":\"c\",\"state\":\"RINGING\","
        + "\"stateTime\":\"20150504141420069\"}"))).isInstanceOf(UnreadableEvent.class)
        .hasMessageContaining("20150504141420069");
    assertThatThrownBy(() -> SessionEvents.cdr(bytes("{\"sessionId\":\"s\",\"detailId\":\"d\",\"durationSeconds\":\"9\"}")))
        .isInstanceOf(UnreadableEvent.class).hasMessageContaining("durationSeconds");
    assertThatThrownBy(() -> SessionEvents.cdr(bytes("{\"detailId\":\"d\",\"durationSeconds\":9}")))
        .isInstanceOf(UnreadableEvent.class).hasMessageContaining("sessionId");
  }
}
