package com.conferencegateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.kafka.client.common.TopicPartition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
  private final TopicPartition p0 = new TopicPartition("t", 0);

  @Test
  void theCommitNeverPassesACommandStillRunning() {
    PartitionProgress progress = new PartitionProgress();
    progress.received(p0, 10);
    progress.received(p0, 11);
    progress.received(p0, 12);
    progress.done(p0, 11);
    progress.done(p0, 12);
    assertThat(progress.toCommit()).isEqualTo(Map.of(p0, 10L));
    progress.done(p0, 10);
    assertThat(progress.toCommit()).isEqualTo(Map.of(p0, 13L));
  }

  @Test
  void anOffsetAlreadyCommittedIsNotCommittedAgain() {
    PartitionProgress progress = new PartitionProgress();
    progress.received(p0, 0);
    progress.done(p0, 0);
    progress.committed(progress.toCommit());
    assertThat(progress.toCommit()).isEmpty();
  }

  @Test
  void aRevokedPartitionIsForgotten() {
    PartitionProgress progress = new PartitionProgress();
    progress.received(p0, 0);
    progress.forget(p0);
    assertThat(progress.toCommit()).isEmpty();
    assertThat(progress.owns(p0)).isFalse();
  }
}
