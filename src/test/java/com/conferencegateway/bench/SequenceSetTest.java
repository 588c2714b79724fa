package com.conferencegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceSetTest {
  @Test
  void countsWhatIsMissingFromWhatWasFound() {
    SequenceSet accepted = new SequenceSet();
    SequenceSet found = new SequenceSet();
    for (long n = 1; n <= 1_000; n++) {
      accepted.add(n);
      if (n % 100 != 0) {
        found.add(n);
      }
    }
    found.add(5_000); // found but never accepted: not missing
    assertThat(accepted.size()).isEqualTo(1_000);
    assertThat(accepted.missingFrom(found)).isEqualTo(10);
    assertThat(found.missingFrom(accepted)).isEqualTo(1);
  }

  @Test
  void addingTwiceCountsOnce() {
    SequenceSet set = new SequenceSet();
    set.add(7);
    set.add(7);
    assertThat(set.size()).isEqualTo(1);
    assertThat(set.missingFrom(new SequenceSet())).isEqualTo(1);
  }
}
