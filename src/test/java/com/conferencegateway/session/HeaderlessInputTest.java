package com.conferencegateway.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class HeaderlessInputTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", bytes("id-" + offset));
    headers.add("ce_type", bytes("conference.state"));
    return new ConsumerRecord<>(topic, partition, offset, 1_000 + offset, TimestampType.CREATE_TIME, 3, 5,
        bytes("key"), bytes("value" + offset), headers, Optional.of(7), Optional.empty());
  }

  @Test
  void recordsKeepEverythingButTheirHeadersAndTheNextOffsetsStay() {
    TopicPartition state0 = new TopicPartition("conference.state", 0);
    TopicPartition cdr2 = new TopicPartition("conference.cdr", 2);
    Map<TopicPartition, OffsetAndMetadata> next = Map.of(state0, new OffsetAndMetadata(12, Optional.of(7), ""),
        cdr2, new OffsetAndMetadata(5, Optional.of(7), ""));
    ConsumerRecords<byte[], byte[]> in = new ConsumerRecords<>(Map.of(
        state0, List.of(record("conference.state", 0, 10), record("conference.state", 0, 11)),
        cdr2, List.of(record("conference.cdr", 2, 4))), next);

    ConsumerRecords<byte[], byte[]> out = new HeaderlessInput().onConsume(in);

    assertThat(out.count()).isEqualTo(3);
    assertThat(out.nextOffsets()).isEqualTo(next);
    assertThat(out.records(state0)).extracting(ConsumerRecord::offset).containsExactly(10L, 11L);
    for (ConsumerRecord<byte[], byte[]> r : out) {
      ConsumerRecord<byte[], byte[]> original = in.records(new TopicPartition(r.topic(), r.partition())).stream()
          .filter(o -> o.offset() == r.offset()).findFirst().orElseThrow();
      assertThat(r.headers().toArray()).isEmpty();
      assertThatThrownBy(() -> r.headers().add("x", new byte[0])).as("shared, so read-only")
          .isInstanceOf(IllegalStateException.class);
      assertThat(r.key()).isEqualTo(original.key());
      assertThat(r.value()).isEqualTo(original.value());
      assertThat(r.timestamp()).isEqualTo(original.timestamp());
      assertThat(r.timestampType()).isEqualTo(original.timestampType());
      assertThat(r.leaderEpoch()).isEqualTo(original.leaderEpoch());
      assertThat(r.serializedValueSize()).isEqualTo(original.serializedValueSize());
      assertThat(original.headers().toArray()).as("the input is left as it was").hasSize(2);
    }
  }

  @Test
  void anEmptyPollIsPassedThrough() {
    ConsumerRecords<byte[], byte[]> empty = ConsumerRecords.empty();
    assertThat(new HeaderlessInput().onConsume(empty)).isSameAs(empty);
  }
}
