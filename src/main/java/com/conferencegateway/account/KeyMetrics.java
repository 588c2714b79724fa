package com.conferencegateway.account;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * Temp keys on /metrics: getAccountkey calls made by this process as a key owner, refusals of calls
 * signed with a temp key, and requests sent to key owners. Every series exists from the start at 0,
 * so that rates and alerts see the first increment.
 */
public final class KeyMetrics {
  /** getAccountkey outcomes: a key; the platform refused; no answer (unreachable, timeout). */
  public static final List<String> FETCH_OUTCOMES = List.of("fetched", "refused", "failed");
  /**
   * Refusals of a call signed with a temp key: {@code stale_key_suspected} when the call is to go out
   * again with a newer key (within command.maxAttempts); {@code after_fresh_key} when the key had
   * arrived after the command's previous refusal, so the refusal is the platform's answer and the
   * command fails with it.
   */
  public static final List<String> REFUSAL_OUTCOMES = List.of("stale_key_suspected", "after_fresh_key");

  private final MeterRegistry registry;

  public KeyMetrics(MeterRegistry registry) {
    this.registry = registry;
    FETCH_OUTCOMES.forEach(o -> fetches(o));
    REFUSAL_OUTCOMES.forEach(o -> refusals(o));
    for (KeyMessage.Reason r : KeyMessage.Reason.values()) {
      requests(r);
    }
  }

  void fetch(String outcome) {
    fetches(outcome).increment();
  }

  void refusal(String outcome) {
    refusals(outcome).increment();
  }

  void request(KeyMessage.Reason reason) {
    requests(reason).increment();
  }

  private Counter fetches(String outcome) {
    return Counter.builder("gateway.platform.key.fetches").tag("outcome", outcome)
        .description("getAccountkey calls made by this process as the account's key owner, by outcome")
        .register(registry);
  }

  private Counter refusals(String outcome) {
    return Counter.builder("gateway.platform.key.refusals").tag("outcome", outcome)
        .description("Calls signed with a temp key that the platform refused, by what followed").register(registry);
  }

  private Counter requests(KeyMessage.Reason reason) {
    return Counter.builder("gateway.platform.key.requests").tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
        .description("Requests for a newer temp key sent to the accounts' key owners").register(registry);
  }
}
