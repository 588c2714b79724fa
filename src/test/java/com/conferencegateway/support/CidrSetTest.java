package com.conferencegateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrSetTest {
  @Test
  void addressesInsideTheCidrsAreAdmittedAndOthersNot() {
    CidrSet list = new CidrSet(List.of("203.0.113.0/24", "10.1.2.3", "2001:db8::/32"));
    assertThat(list.admits("203.0.113.77")).isTrue();
    assertThat(list.admits("203.0.114.1")).isFalse();
    assertThat(list.admits("10.1.2.3")).isTrue();
    assertThat(list.admits("10.1.2.4")).isFalse();
    assertThat(list.admits("2001:db8:0:1::5")).isTrue();
    assertThat(list.admits("2001:db9::1")).isFalse();
    assertThat(list.admits("not-an-ip")).isFalse();
  }

  @Test
  void anEmptyListAdmitsEveryone() {
    assertThat(new CidrSet(List.of()).admits("198.51.100.1")).isTrue();
  }

  @Test
  void aWrongEntryIsNamed() {
    assertThatThrownBy(() -> new CidrSet(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(() -> new CidrSet(List.of("example.com/8"))).hasMessageContaining("example.com/8");
  }
}
