package com.conferencegateway.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Makes JSON text that stays in memory smaller, losslessly: each occurrence of a known token (a field
 * name with its quotes and colon, {@code null}, a frequent value) becomes one byte from 0x01-0x1F.
 * JSON text never holds those bytes raw (control characters are escaped inside strings and invalid
 * outside; tab, newline and carriage return, the only whitespace among them, are never codes), so
 * unpacking gives back the very same bytes, whatever the token happened to match. A 500-byte
 * conference keeps about 300.
 */
public final class JsonPacking {
  private static final int MAX_TOKENS = 28;

  private final byte[][] tokens;
  private final byte[] codeOf; // token index -> code byte
  private final byte[] tokenOf = new byte[32]; // code byte -> token index + 1 (0: not a code)
  // By first byte: indices of the tokens that start with it, longest first.
  private final int[][] startingWith = new int[256][];

  public JsonPacking(List<String> tokens) {
    if (tokens.size() > MAX_TOKENS) {
      throw new IllegalArgumentException("at most " + MAX_TOKENS + " tokens, not " + tokens.size());
    }
    this.tokens = new byte[tokens.size()][];
    this.codeOf = new byte[tokens.size()];
    List<List<Integer>> byFirst = new ArrayList<>();
    for (int b = 0; b < 256; b++) {
      byFirst.add(new ArrayList<>());
    }
    int code = 1;
    for (int i = 0; i < tokens.size(); i++) {
      byte[] t = tokens.get(i).getBytes(StandardCharsets.UTF_8);
      if (t.length < 2) {
        throw new IllegalArgumentException("a token shorter than two bytes saves nothing: \"" + tokens.get(i) + "\"");
      }
      while (code == '\t' || code == '\n' || code == '\r') {
        code++;
      }
      this.tokens[i] = t;
      this.codeOf[i] = (byte) code;
      this.tokenOf[code] = (byte) (i + 1);
      byFirst.get(t[0] & 0xff).add(i);
      code++;
    }
    for (int b = 0; b < 256; b++) {
      List<Integer> candidates = byFirst.get(b);
      candidates.sort((x, y) -> this.tokens[y].length - this.tokens[x].length);
      startingWith[b] = candidates.isEmpty() ? null : candidates.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The packed form. Throws if the text holds a raw code byte, which JSON text never does. */
  public byte[] pack(byte[] json) {
    byte[] out = new byte[json.length];
    int n = 0;
    int i = 0;
    while (i < json.length) {
      int b = json[i] & 0xff;
      if (isCode(b)) {
        throw new IllegalArgumentException("not JSON text: a raw control byte 0x" + Integer.toHexString(b) + " at " + i);
      }
      int[] candidates = startingWith[b];
      int matched = -1;
      if (candidates != null) {
        for (int t : candidates) {
          if (matches(json, i, tokens[t])) {
            matched = t;
            break;
          }
        }
      }
      if (matched >= 0) {
        out[n++] = codeOf[matched];
        i += tokens[matched].length;
      } else {
        out[n++] = (byte) b;
        i++;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The JSON text that was packed. */
  public byte[] unpack(byte[] packed) {
    int length = 0;
    for (byte b : packed) {
      length += isCode(b & 0xff) ? tokens[tokenOf[b] - 1].length : 1;
    }
    byte[] out = new byte[length];
    int n = 0;
    for (byte b : packed) {
      if (isCode(b & 0xff)) {
        byte[] t = tokens[tokenOf[b] - 1];
        System.arraycopy(t, 0, out, n, t.length);
        n += t.length;
      } else {
        out[n++] = b;
      }
    }
    return out;
  }

  private boolean isCode(int b) {
    return b < 0x20 && tokenOf[b] != 0;
  }

  private static boolean matches(byte[] json, int at, byte[] token) {
    if (at + token.length > json.length) {
      return false;
    }
    for (int k = 1; k < token.length; k++) {
      if (json[at + k] != token[k]) {
        return false;
      }
    }
    return true;
  }
}
