package com.conferencegateway.support;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The platform's egress addresses as CIDRs (IPv4 or IPv6); empty admits every source. */
public final class CidrSet {
  private final List<Range> ranges = new ArrayList<>();

  private record Range(BigInteger network, BigInteger mask, int bytes) {}

  /** Throws IllegalArgumentException naming the entry that is not a CIDR. */
  public CidrSet(List<String> cidrs) {
    for (String cidr : cidrs) {
      String[] parts = cidr.strip().split("/");
      try {
        byte[] address = literal(parts[0]);
        int bits = address.length * 8;
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        if (prefix < 0 || prefix > bits || parts.length > 2) {
          throw new IllegalArgumentException();
        }
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
            .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        ranges.add(new Range(new BigInteger(1, address).and(mask), mask, address.length));
      } catch (RuntimeException | UnknownHostException e) {
        throw new IllegalArgumentException("\"" + cidr + "\" is not a CIDR like 203.0.113.0/24 or 2001:db8::/32");
      }
    }
  }

  public boolean admits(String ip) {
    if (ranges.isEmpty()) {
      return true;
    }
    byte[] address;
    try {
      address = literal(ip);
    } catch (RuntimeException | UnknownHostException e) {
      return false;
    }
    BigInteger value = new BigInteger(1, address);
    for (Range r : ranges) {
      if (r.bytes() == address.length && value.and(r.mask()).equals(r.network())) {
        return true;
      }
    }
    return false;
  }

  /** Only address literals: a host name here would mean a DNS lookup on the event loop. */
  private static byte[] literal(String text) throws UnknownHostException {
    String t = text.strip();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (!t.matches("[0-9.]+") && !t.contains(":")) {
      throw new IllegalArgumentException("not an address literal");
    }
    return InetAddress.getByName(t).getAddress();
  }
}
