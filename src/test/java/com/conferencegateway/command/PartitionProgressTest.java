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

  @Test
  void aPartitionIsHandedOverOnlyWhenItsLastRunningCommandIsDone() {
    PartitionProgress progress = new PartitionProgress();
    TopicPartition moving = new TopicPartition("t", 0);
    TopicPartition staying = new TopicPartition("t", 1);
    progress.received(moving, 5);
    progress.received(moving, 6);
    progress.received(staying, 9);
    io.vertx.core.Future<Void> handOver = progress.handOver(java.util.Set.of(moving));
    assertThat(progress.handingOver(moving)).isTrue();
    assertThat(progress.handingOver(staying)).isFalse();
    progress.done(moving, 6);
    assertThat(handOver.isComplete()).isFalse();
    progress.done(moving, 5);
    assertThat(handOver.succeeded()).isTrue();
    assertThat(progress.toCommit()).containsEntry(moving, 7L).containsEntry(staying, 9L);
    progress.forget(moving);
    assertThat(progress.handingOver(moving)).isFalse();
  }

  @Test
  void aPartitionWithNothingRunningIsHandedOverAtOnce() {
    PartitionProgress progress = new PartitionProgress();
    assertThat(progress.handOver(java.util.Set.of(new TopicPartition("t", 3))).succeeded()).isTrue();
  }
}
