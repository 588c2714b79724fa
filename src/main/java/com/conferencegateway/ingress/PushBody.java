package com.conferencegateway.ingress;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Turns a push body as it came over the wire into the UTF-8 JSON the parser reads: undoes
 * {@code Content-Encoding} (gzip, deflate) without ever inflating past the size limit, and decodes
 * the {@code Content-Type} charset. The platform is Chinese and may send GBK, GB2312 or GB18030; a
 * body that names no charset and is not valid UTF-8 is read as GB18030 rather than refused.
 */
final class PushBody {
  static final Charset FALLBACK = Charset.forName("GB18030");
  private static final Charset GBK = Charset.forName("GBK");
  private static final int CHUNK = 16 * 1024;

  private PushBody() {}

  /**
   * The body as UTF-8 bytes. Refusals are typed: {@link PushCode#UNSUPPORTED_ENCODING} for an
   * encoding or charset the gateway cannot read, {@link PushCode#BODY_TOO_LARGE} when the decoded
   * body passes {@code maxDecodedBytes}, {@link PushCode#MALFORMED} for bytes that are not what
   * their headers say.
   */
  static byte[] decode(byte[] raw, String contentType, String contentEncoding, int maxDecodedBytes) {
    byte[] decoded = undoContentEncoding(raw, contentEncoding, maxDecodedBytes);
    return toUtf8(decoded, charsetOf(contentType));
  }

  /** Encodings apply in the order listed, so they are undone from the last. */
  private static byte[] undoContentEncoding(byte[] raw, String header, int max) {
    if (header == null || header.isBlank()) {
      return raw;
    }
    String[] codings = header.split(",");
    byte[] body = raw;
    for (int i = codings.length - 1; i >= 0; i--) {
      String coding = codings[i].strip().toLowerCase(Locale.ROOT);
      body = switch (coding) {
        case "identity", "" -> body;
        case "gzip", "x-gzip" -> gunzip(body, max);
        case "deflate" -> inflateDeflate(body, max);
        default -> throw new InvalidPush(PushCode.UNSUPPORTED_ENCODING, "Content-Encoding \"" + coding
            + "\" is not supported; send the body plain, gzip or deflate");
      };
    }
    return body;
  }

  /** RFC 1952, members one after another; the trailer's CRC and size are checked. */
  private static byte[] gunzip(byte[] in, int max) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, Math.max(64, in.length * 4)));
    int pos = 0;
    do {
      pos = gzipMember(in, pos, out, max);
    } while (pos < in.length && in[pos] == 0x1f);
    return out.toByteArray();
  }

  private static int gzipMember(byte[] in, int pos, ByteArrayOutputStream out, int max) {
    if (in.length - pos < 18 || (in[pos] & 0xff) != 0x1f || (in[pos + 1] & 0xff) != 0x8b || in[pos + 2] != 8) {
      throw InvalidPush.malformed("Content-Encoding is gzip but the body is not gzip data");
    }
    int flags = in[pos + 3] & 0xff;
    int p = pos + 10;
    try {
      if ((flags & 0x04) != 0) { // FEXTRA
        p += 2 + ((in[p] & 0xff) | (in[p + 1] & 0xff) << 8);
      }
      if ((flags & 0x08) != 0) { // FNAME
        while (in[p++] != 0) { }
      }
      if ((flags & 0x10) != 0) { // FCOMMENT
        while (in[p++] != 0) { }
      }
      if ((flags & 0x02) != 0) { // FHCRC
        p += 2;
      }
    } catch (ArrayIndexOutOfBoundsException e) {
      throw InvalidPush.malformed("the gzip header is cut short");
    }
    int before = out.size();
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(in, p, Math.max(0, in.length - p));
      inflateInto(inflater, out, max, "gzip");
      int end = in.length - inflater.getRemaining();
      if (in.length - end < 8) {
        throw InvalidPush.malformed("the gzip data has no trailer");
      }
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      byte[] member = out.toByteArray();
      crc.update(member, before, member.length - before);
      if ((int) crc.getValue() != le32(in, end) || (member.length - before) != le32(in, end + 4)) {
        throw InvalidPush.malformed("the gzip data fails its checksum");
      }
      return end + 8;
    } finally {
      inflater.end();
    }
  }

  /** HTTP's "deflate" is zlib-wrapped (RFC 1950); some senders send raw deflate (RFC 1951): both are read. */
  private static byte[] inflateDeflate(byte[] in, int max) {
    boolean zlib = in.length >= 2 && (in[0] & 0x0f) == 8 && (((in[0] & 0xff) << 8) | (in[1] & 0xff)) % 31 == 0;
    Inflater inflater = new Inflater(!zlib);
    try {
      inflater.setInput(in);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, Math.max(64, in.length * 4)));
      inflateInto(inflater, out, max, "deflate");
      return out.toByteArray();
    } finally {
      inflater.end();
    }
  }

  /** Inflates chunk by chunk and stops as soon as the output passes {@code max}: a bomb costs at most max bytes. */
  private static void inflateInto(Inflater inflater, ByteArrayOutputStream out, int max, String coding) {
    byte[] chunk = new byte[CHUNK];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw InvalidPush.malformed("the " + coding + " data is cut short");
        }
        if (out.size() + n > max) {
          throw new InvalidPush(PushCode.BODY_TOO_LARGE, "the body inflates past " + max + " bytes");
        }
        out.write(chunk, 0, n);
      }
    } catch (DataFormatException e) {
      throw InvalidPush.malformed("the " + coding + " data is corrupt");
    }
  }

  private static int le32(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
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
      if (isAscii(body) || isUtf8(body)) {
        return body;
      }
      return reencode(body, FALLBACK);
    }
    if (named.equals(StandardCharsets.UTF_8) || (named.equals(StandardCharsets.US_ASCII) && isAscii(body))) {
      if (!isAscii(body) && !isUtf8(body)) {
        throw InvalidPush.malformed("the body is not valid UTF-8, the charset its Content-Type names");
      }
      return body;
    }
    return reencode(body, named);
  }

  private static boolean isAscii(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF), checked without decoding. */
  static boolean isUtf8(byte[] b) {
    int i = 0;
    int n = b.length;
    while (i < n) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
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
