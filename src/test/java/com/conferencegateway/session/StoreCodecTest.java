package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreCodecTest {
  private static FoldedSession session(String caller, String number) {
    ConferenceSession view = new ConferenceSession("S-1", "APP", null, caller, SessionStatus.ACTIVE,
        "2026-11-29T10:00:00.000Z", "2015-05-04T14:14:02.000+08:00", null,
        List.of(new Leg(number, "ANSWERED", "2015-05-04T14:14:02.000+08:00", "2015-05-04T14:14:02.000+08:00", null),
            new Leg("013900000002", "RINGING", "2015-05-04T14:14:01.000+08:00", null, null)),
        2, 61, Long.MAX_VALUE - 1, "2026-11-29T10:00:01.000Z");
    return new FoldedSession(view, List.of("d-1", "d-2"), null);
  }

  @Test
  void asciiTextsNullsAndLargeNumbersReadBackAsWritten() {
    FoldedSession s = session("8613800000000", "013900000001");
    assertThat(StoreCodec.decode(StoreCodec.encode(s))).isEqualTo(s);
  }

  @Test
  void textsBeyondAsciiAndWithZeroCharactersReadBackAsWritten() {
    FoldedSession s = session("用友 +86 ☎ \uD83D\uDCDE", "a\u0000b");
    assertThat(StoreCodec.decode(StoreCodec.encode(s))).isEqualTo(s);
  }

  @Test
  void aValueCutShortIsAnErrorNotAWrongSession() {
    byte[] full = StoreCodec.encode(session("8613800000000", "013900000001"));
    for (int length = 1; length < full.length; length += 7) {
      byte[] cut = Arrays.copyOf(full, length);
      assertThatThrownBy(() -> StoreCodec.decode(cut)).as("cut at %d", length).isInstanceOf(UncheckedIOException.class);
    }
  }
}
