package com.conferencegateway.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checks the platform makes on a call's parameters, each refusal naming the parameter. */
final class CallParams {
  private CallParams() {}

  static String required(Map<String, String> p, String name) {
    String v = p.get(name);
    if (v == null || v.isBlank()) {
      throw new Refused(Refused.MISSING_PARAMETER, "missing parameter " + name);
    }
    return v.strip();
  }

  static void maxLength(String name, String value, int max) {
    if (value.length() > max) {
      throw new Refused(Refused.INVALID_PARAMETER, name + " is longer than " + max + " characters");
    }
  }

  static List<String> numbers(String name, String csv) {
    List<String> numbers = new ArrayList<>();
    for (String n : csv.split(",")) {
      String t = n.strip();
      if (!t.matches("\\+?\\d{3,20}")) {
        throw new Refused(Refused.INVALID_PARAMETER, name + " holds \"" + t + "\", which is not a phone number");
      }
      numbers.add(t);
    }
    return numbers;
  }
}
