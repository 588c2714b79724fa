package com.conferencegateway.ingress;

import io.vertx.core.buffer.Buffer;

/** The two push endpoints, and how each shapes its answer (§7.3.1 and §7.3.2). */
enum Endpoint {
  STATUS("/platform/status", "status", true),
  CDR("/platform/cdr", "cdr", false);

  final String path;
  final String tag;
  private final boolean statusShape;
  // The answer to nearly every push, encoded once (Vert.x writes a buffer any number of times).
  private final Buffer accepted;

  Endpoint(String path, String tag, boolean statusShape) {
    this.path = path;
    this.tag = tag;
    this.statusShape = statusShape;
    this.accepted = Buffer.buffer(body(PushAnswer.accepted()));
  }

  static Endpoint of(String path) {
    if (STATUS.path.equals(path)) {
      return STATUS;
    }
    return CDR.path.equals(path) ? CDR : null;
  }

  /** For answers given before the path is known to be one of ours (a refused connection). */
  static Endpoint guess(String path) {
    return path != null && path.endsWith("/cdr") ? CDR : STATUS;
  }

  Buffer answer(PushAnswer answer) {
    return answer.code() == PushCode.ACCEPTED ? accepted : Buffer.buffer(body(answer));
  }

  private String body(PushAnswer answer) {
    return (statusShape ? answer.asStatusAnswer() : answer.asCdrAnswer()).encode();
  }
}
