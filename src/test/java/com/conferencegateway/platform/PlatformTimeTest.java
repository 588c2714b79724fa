package com.conferencegateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformTimeTest {
  @Test
  void compactTimesAreReadAsChinaTimeAndWrittenAsIso8601WithTheirOffset() {
    OffsetDateTime t = PlatformTime.parse("20150504141420069", PlatformTime.STATE_TIME);
    assertThat(PlatformTime.isoMillis(t)).isEqualTo("2015-05-04T14:14:20.069+08:00");
    assertThat(t.toInstant()).isEqualTo(Instant.parse("2015-05-04T06:14:20.069Z"));
    assertThat(PlatformTime.compactMillis(t)).isEqualTo("20150504141420069");
    OffsetDateTime s = PlatformTime.parse("20150624145042", PlatformTime.SECONDS);
    assertThat(PlatformTime.isoSeconds(s)).isEqualTo("2015-06-24T14:50:42+08:00");
    assertThat(PlatformTime.isoMillis(PlatformTime.parse("20150101000000000", PlatformTime.STATE_TIME)))
        .isEqualTo("2015-01-01T00:00:00.000+08:00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"20150230101010000", "20151301000000000", "20150101250000000", "2015050414142006",
      "2015050414142006x", "201505041414200690", "-0150504141420069"})
  void impossibleOrMisshapenTimesAreRefused(String text) {
    assertThatThrownBy(() -> PlatformTime.parse(text, PlatformTime.STATE_TIME))
        .isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void ownInstantsAreUtcWithMilliseconds() {
    assertThat(com.conferencegateway.support.UtcTime.millis(Instant.parse("2026-11-29T10:00:00.123456Z"))).isEqualTo("2026-11-29T10:00:00.123Z");
    assertThat(com.conferencegateway.support.UtcTime.millis(Instant.parse("2026-11-29T10:00:00Z"))).isEqualTo("2026-11-29T10:00:00.000Z");
  }

  @Test
  void compactFormsWrittenByHandAreTheFormattersToTheMillisecond() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 10_000; i++) {
      java.time.Instant t = java.time.Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
      for (java.time.format.DateTimeFormatter f : java.util.List.of(PlatformTime.STATE_TIME, PlatformTime.SECONDS)) {
        org.assertj.core.api.Assertions.assertThat(PlatformTime.format(t, f)).as(t.toString())
            .isEqualTo(f.format(t.atOffset(PlatformTime.ZONE)));
      }
    }
  }
}
