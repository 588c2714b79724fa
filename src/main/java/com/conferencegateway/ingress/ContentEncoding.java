package com.conferencegateway.ingress;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes a push's {@code Content-Encoding}: gzip (members one after another, checksums checked) and
 * deflate (zlib-wrapped or raw), never inflating past the size limit, so a small bomb costs at most
 * the limit. Any other encoding is refused as unsupported.
 */
final class ContentEncoding {
  private static final int CHUNK = 16 * 1024;

  private ContentEncoding() {}

  /** Encodings apply in the order listed, so they are undone from the last. */
  static byte[] undo(byte[] raw, String header, int max) {
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
}
