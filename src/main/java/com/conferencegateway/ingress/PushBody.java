package com.conferencegateway.ingress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Turns a push body as it came over the wire into the UTF-8 JSON the parser reads: undoes
 * {@code Content-Encoding} (gzip, deflate) without ever inflating past the size limit, and decodes
 * the {@code Content-Type} charset. The platform is Chinese and may send GBK, GB2312 or GB18030; a
 * body that names no charset and is not valid UTF-8 is read as GB18030 rather than refused.
 */
final class PushBody {
  static final Charset FALLBACK = Charset.forName("GB18030");
  private static final Charset GBK = Charset.forName("GBK");

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private PushBody() {}

  /**
   * The body as UTF-8 bytes. Refusals are typed: {@link PushCode#UNSUPPORTED_ENCODING} for an
   * encoding or charset the gateway cannot read, {@link PushCode#BODY_TOO_LARGE} when the decoded
   * body passes {@code maxDecodedBytes}, {@link PushCode#MALFORMED} for bytes that are not what
   * their headers say.
   */
  static byte[] decode(byte[] raw, String contentType, String contentEncoding, int maxDecodedBytes) {
    byte[] decoded = ContentEncoding.undo(raw, contentEncoding, maxDecodedBytes);
    return toUtf8(decoded, charsetOf(contentType));
  }

  /** The {@code charset} parameter of a Content-Type, or null when none is named. */
  static Charset charsetOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        String name = p.substring(8).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1);
        }
        return named(name);
      }
    }
    return null;
  }

  private static Charset named(String name) {
    // GB2312 labels are routinely put on GBK text; GBK reads every GB2312 byte sequence the same way.
    if (name.equalsIgnoreCase("GB2312") || name.equalsIgnoreCase("EUC-CN") || name.equalsIgnoreCase("x-gbk")) {
      return GBK;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new InvalidPush(PushCode.UNSUPPORTED_ENCODING, "charset \"" + name
          + "\" is not supported; send UTF-8, GBK, GB2312 or GB18030");
    }
  }

  private static byte[] toUtf8(byte[] body, Charset named) {
    if (named == null) {
      if (isUtf8(body)) {
        return body;
      }
      return reencode(body, FALLBACK);
    }
    if (named.equals(StandardCharsets.UTF_8) || (named.equals(StandardCharsets.US_ASCII) && isAscii(body))) {
      if (!isUtf8(body)) {
        throw InvalidPush.malformed("the body is not valid UTF-8, the charset its Content-Type names");
      }
      return body;
    }
    return reencode(body, named);
  }

  private static boolean isAscii(byte[] body) {
    return asciiRun(body, 0) == body.length;
  }

  /** Where the run of ASCII bytes from {@code from} ends: eight bytes a step (byte by byte was 5% of an event loop). */
  private static int asciiRun(byte[] b, int from) {
    int i = from;
    for (int last = b.length - 8; i <= last; i += 8) {
      if (((long) LONGS.get(b, i) & 0x8080808080808080L) != 0) {
        break;
      }
    }
    while (i < b.length && b[i] >= 0) {
      i++;
    }
    return i;
  }

  /** Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF), checked without decoding. */
  static boolean isUtf8(byte[] b) {
    int n = b.length;
    int i = asciiRun(b, 0);
    while (i < n) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i = asciiRun(b, i);
        continue;
      }
      int extra;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        extra = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        extra = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        extra = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + extra >= n) {
        return false;
      }
      int cp = c & (0x3f >> extra);
      for (int k = 1; k <= extra; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return false;
      }
      i += extra + 1;
    }
    return true;
  }

  private static byte[] reencode(byte[] body, Charset charset) {
    CharBuffer text;
    try {
      text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw InvalidPush.malformed("the body is not valid " + charset.name()
          + (charset == FALLBACK ? " (no charset was named and it is not UTF-8 either)" : ""));
    }
    ByteBuffer utf8 = StandardCharsets.UTF_8.encode(text);
    byte[] out = new byte[utf8.remaining()];
    utf8.get(out);
    return out;
  }
}
