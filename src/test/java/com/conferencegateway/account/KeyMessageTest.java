package com.conferencegateway.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.kafka.OutboundRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The key-requests topic's records: keyed by account, read back whole, and never holding a key. */
class KeyMessageTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aRequestIsKeyedByTheAccountAndReadsBack() {
    KeyMessage.Request request = new KeyMessage.Request("ACC-1", "fingerprint-1234", KeyMessage.Reason.REFUSED,
        "pod-a/1", AT);
    OutboundRecord record = request.toRecord("conference.accounts.key-requests");
    assertThat(record.key()).isEqualTo("ACC-1");
    assertThat(record.headers()).anySatisfy(h -> {
      assertThat(h.key()).isEqualTo("ce_type");
      assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo("conference.account.keyRequest");
    });
    assertThat(KeyMessage.read(record.value())).isEqualTo(request);
  }

  @Test
  void aNoticeReadsBackWithThePlatformsAnswer() {
    KeyMessage.Unavailable notice = new KeyMessage.Unavailable("ACC-1", null, "1001", "sign does not match", false,
        "getAccountkey answered 1001 sign does not match", AT);
    assertThat(KeyMessage.read(notice.toRecord("t").value())).isEqualTo(notice);
  }

  @Test
  void whatIsNotAKeyMessageIsSkipped() {
    assertThat(KeyMessage.read(null)).isNull();
    assertThat(KeyMessage.read("not json".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(KeyMessage.read("{\"kind\":\"other\",\"accountId\":\"A\",\"at\":\"2026-12-01T10:00:00Z\"}"
        .getBytes(StandardCharsets.UTF_8))).isNull();
  }
}
