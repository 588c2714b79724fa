package com.conferencegateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacedStepsTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final PacedSteps steps = new PacedSteps(now::get);
  private final List<String> ran = new ArrayList<>();

  @Test
  void aStepRunsAtTheFirstTickAtOrAfterItsDelayNotBefore() {
    steps.after(300, () -> ran.add("a"));
    now.addAndGet(299);
    steps.tick();
    assertThat(ran).isEmpty();
    now.addAndGet(1);
    steps.tick();
    steps.tick();
    assertThat(ran).containsExactly("a");
    assertThat(steps.pending()).isZero();
  }

  @Test
  void stepsOfDifferentDelaysDueInOneTickRunEarliestFirst() {
    steps.after(600, () -> ran.add("due at 1600"));
    now.addAndGet(100);
    steps.after(300, () -> ran.add("due at 1400"));
    steps.after(300, () -> ran.add("due at 1400, later"));
    now.addAndGet(5);
    steps.after(1200, () -> ran.add("due at 2305"));
    now.set(1_700);
    steps.tick();
    assertThat(ran).containsExactly("due at 1400", "due at 1400, later", "due at 1600");
    assertThat(steps.pending()).isEqualTo(1);
  }

  @Test
  void aStepMaySchedulePacedStepsOfItsOwn() {
    steps.after(300, () -> {
      ran.add("INVITE");
      steps.after(300, () -> {
        ran.add("RINGING");
        steps.after(600, () -> ran.add("ANSWERED"));
      });
    });
    for (int t = 0; t < 20; t++) {
      now.addAndGet(100);
      steps.tick();
    }
    assertThat(ran).containsExactly("INVITE", "RINGING", "ANSWERED");
  }
}
