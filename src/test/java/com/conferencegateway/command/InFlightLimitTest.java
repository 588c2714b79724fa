package com.conferencegateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightLimitTest {

  @Test
  void oneMorePollNeverTakesTheCommandsInFlightPastTheLimit() {
    for (int max = 1; max <= 2000; max++) {
      InFlightLimit limit = new InFlightLimit(max);
      assertThat(limit.pollRecords()).isBetween(1, 500);
      for (int inFlight = 0; inFlight <= max; inFlight++) {
        if (!limit.full(inFlight)) {
          assertThat(inFlight + limit.pollRecords()).as("max %d, in flight %d", max, inFlight).isLessThanOrEqualTo(max);
        }
      }
      assertThat(limit.full(0)).as("max %d: the first poll is allowed", max).isFalse();
    }
  }

  @Test
  void theDefaultPollsAQuarterAndResumesAtHalf() {
    InFlightLimit limit = new InFlightLimit(256);
    assertThat(limit.pollRecords()).isEqualTo(64);
    assertThat(limit.full(192)).isFalse();
    assertThat(limit.full(193)).isTrue();
    assertThat(limit.roomAgain(128)).isTrue();
    assertThat(limit.roomAgain(129)).isFalse();
  }
}
