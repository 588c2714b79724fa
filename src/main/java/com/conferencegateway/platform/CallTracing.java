package com.conferencegateway.platform;

/**
 * How a platform call is traced: the span it gets (when spans are exported) and the W3C
 * {@code traceparent} it carries, which names the command's trace either way.
 */
public interface CallTracing {
  /** One call's trace: the header it sends, and its end. */
  interface CallSpan {
    String traceparent();

    /** {@code status}: the HTTP status, or 0 when none came; {@code result}: the platform's result, or null. */
    void end(int status, String result, Throwable failure);
  }

  /** {@code traceparent}: the command's, or null. */
  CallSpan start(String call, String traceparent);

  /** No span: the command's traceparent goes on the call as it is. */
  CallTracing NONE = (call, traceparent) -> new CallSpan() {
    @Override
    public String traceparent() {
      return traceparent;
    }

    @Override
    public void end(int status, String result, Throwable failure) {
    }
  };
}
