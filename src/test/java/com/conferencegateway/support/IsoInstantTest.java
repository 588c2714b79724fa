package com.conferencegateway.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

  @ParameterizedTest
  @ValueSource(strings = {"2015-05-04T14:14:20.069+08:00", "2026-11-29T10:00:00.123Z", "2026-11-29T10:00:00Z",
      "2015-06-24T14:50:42+08:00", "1969-12-31T23:59:59.999Z", "2024-02-29T00:00:00.000-05:30",
      "2026-11-29T10:00:00.123456789Z", "2026-11-29T10:00:00.1+01:00", "2026-11-29T10:00+01:00",
      "2026-11-29T10:00:00+18:00", "2026-11-29T10:00:00.123+01:00:30", "2026-11-29T10:00:00-18:00",
      "2026-11-29T10:00:00.500-00:30"})
  void readsWhatTheFormatterReadsToTheMillisecond(String text) {
    assertEquals(OffsetDateTime.parse(text).toInstant().toEpochMilli(), IsoInstant.epochMillis(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2015-05-04", "2015-05-04T14:14:20.069", "2015-13-04T14:14:20.069+08:00",
      "2015-02-30T14:14:20Z", "2015-05-04T24:00:00Z", "2015-05-04T14:14:20.069+19:00", "2015-05-04T14:14:20+18:30", "2015-05-04 14:14:20Z",
      "20150504141420069", "2015-05-04T14:14:2a.069Z", "2015-05-04T14:14:20.06x+08:00"})
  void refusesWhatTheFormatterRefuses(String text) {
    assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(text));
    assertThrows(DateTimeParseException.class, () -> IsoInstant.epochMillis(text));
  }

  @Test
  void ordersTimesWrittenWithDifferentOffsets() {
    long china = IsoInstant.epochMillis("2015-05-04T14:14:20.069+08:00");
    long utc = IsoInstant.epochMillis("2015-05-04T06:14:20.069Z");
    assertEquals(china, utc);
  }
}
