package com.conferencegateway.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  private final byte[] key = new byte[32];
  private final SecretBox box = new SecretBox(key);

  @Test
  void aSealedSecretOpensWithTheSameKeyAndAssociatedData() {
    String sealed = box.seal("permanent-key-123", "A1/keyPermanent");
    assertThat(sealed).startsWith("v1:").doesNotContain("permanent-key-123");
    assertThat(box.open(sealed, "A1/keyPermanent")).isEqualTo("permanent-key-123");
  }

  @Test
  void twoSealsOfOneSecretDiffer() {
    assertThat(box.seal("s", "a")).isNotEqualTo(box.seal("s", "a"));
  }

  @Test
  void aSecretMovedToAnotherAccountOrSealedUnderAnotherKeyDoesNotOpen() {
    String sealed = box.seal("secret", "A1/keyPermanent");
    assertThatThrownBy(() -> box.open(sealed, "A2/keyPermanent")).isInstanceOf(SecretBox.SecretUnreadable.class)
        .hasMessageNotContaining("secret\"");
    byte[] other = Arrays.copyOf(key, 32);
    other[0] = 1;
    assertThatThrownBy(() -> new SecretBox(other).open(sealed, "A1/keyPermanent"))
        .isInstanceOf(SecretBox.SecretUnreadable.class);
  }

  @Test
  void aFingerprintTellsKeysApartWithoutRevealingThemAndDependsOnTheGatewaysSecretKey() {
    String fp = box.fingerprint("temp-key-abc", "A1/keyTemp");
    assertThat(fp).hasSize(16).matches("[A-Za-z0-9_-]+").doesNotContain("temp-key-abc");
    assertThat(box.fingerprint("temp-key-abc", "A1/keyTemp")).as("stable").isEqualTo(fp);
    assertThat(box.fingerprint("temp-key-abd", "A1/keyTemp")).isNotEqualTo(fp);
    assertThat(box.fingerprint("temp-key-abc", "A2/keyTemp")).as("bound to the account").isNotEqualTo(fp);
    byte[] other = Arrays.copyOf(key, 32);
    other[0] = 1;
    assertThat(new SecretBox(other).fingerprint("temp-key-abc", "A1/keyTemp")).isNotEqualTo(fp);
  }
}
