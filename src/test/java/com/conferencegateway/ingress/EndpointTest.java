package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Each endpoint answers in its own shape (§7.3.1 result/describe, §7.3.2 code/desc), cached or not. */
class EndpointTest {
  @Test
  void theStatusEndpointAnswersResultAndDescribeAndTheCdrEndpointCodeAndDesc() {
    assertThat(new JsonObject(Endpoint.STATUS.answer(PushAnswer.accepted())))
        .isEqualTo(new JsonObject().put("result", "0").put("describe", "success"));
    assertThat(new JsonObject(Endpoint.CDR.answer(PushAnswer.accepted())))
        .isEqualTo(new JsonObject().put("code", "0000").put("desc", "success"));
    PushAnswer duplicate = new PushAnswer(PushCode.DUPLICATE, "already received");
    assertThat(new JsonObject(Endpoint.CDR.answer(duplicate)).getString("code")).isEqualTo("0002");
    assertThat(new JsonObject(Endpoint.STATUS.answer(new PushAnswer(PushCode.INVALID, "bad"))).getString("result"))
        .isEqualTo("0005");
  }

  @Test
  void pathsAreMatchedExactly() {
    assertThat(Endpoint.of("/platform/status")).isEqualTo(Endpoint.STATUS);
    assertThat(Endpoint.of("/platform/cdr")).isEqualTo(Endpoint.CDR);
    assertThat(Endpoint.of("/platform/cdr/")).isNull();
    assertThat(Endpoint.of("/metrics")).isNull();
  }
}
