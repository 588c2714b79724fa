package com.conferencegateway.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The state store's value: a {@link FoldedSession} in a compact binary form, read and written once
 * per event (JSON here cost a third of the fold's time). The first byte is the format, so that a
 * later one can still read what an older gateway wrote.
 */
final class StoreCodec {
  private static final byte FORMAT_1 = 1;

  private StoreCodec() {}

  static byte[] encode(FoldedSession f) {
    ConferenceSession s = f.view();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 96 * s.legs().size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_1);
      text(out, s.sessionId());
      text(out, s.appId());
      text(out, s.accountId());
      text(out, s.caller());
      out.writeByte(s.status().ordinal());
      text(out, s.createdAt());
      text(out, s.answeredAt());
      text(out, s.endedAt());
      out.writeInt(s.legs().size());
      for (Leg leg : s.legs()) {
        text(out, leg.number());
        text(out, leg.state());
        text(out, leg.stateTime());
        text(out, leg.answeredAt());
        text(out, leg.endedAt());
      }
      out.writeInt(s.cdrCount());
      out.writeLong(s.billedSeconds());
      out.writeLong(s.version());
      text(out, s.updatedAt());
      out.writeInt(f.cdrIds().size());
      for (String id : f.cdrIds()) {
        text(out, id);
      }
      text(out, f.endAcceptedAt());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static FoldedSession decode(byte[] value) {
    try {
      Reader in = new Reader(value);
      byte format = in.readByte();
      if (format != FORMAT_1) {
        throw new IllegalStateException("session store value of unknown format " + format);
      }
      String sessionId = in.text();
      String appId = in.text();
      String accountId = in.text();
      String caller = in.text();
      SessionStatus status = SessionStatus.values()[in.readByte()];
      String createdAt = in.text();
      String answeredAt = in.text();
      String endedAt = in.text();
      int legCount = in.readInt();
      List<Leg> legs = new ArrayList<>(legCount);
      for (int i = 0; i < legCount; i++) {
        legs.add(new Leg(in.text(), in.text(), in.text(), in.text(), in.text()));
      }
      int cdrCount = in.readInt();
      long billed = in.readLong();
      long version = in.readLong();
      String updatedAt = in.text();
      int ids = in.readInt();
      List<String> cdrIds = new ArrayList<>(ids);
      for (int i = 0; i < ids; i++) {
        cdrIds.add(in.text());
      }
      String endAcceptedAt = in.text();
      return new FoldedSession(new ConferenceSession(sessionId, appId, accountId, caller, status, createdAt,
          answeredAt, endedAt, legs, cdrCount, billed, version, updatedAt), cdrIds, endAcceptedAt);
    } catch (IndexOutOfBoundsException e) {
      throw new UncheckedIOException(new EOFException("session store value cut short"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void text(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  /**
   * Reads what {@link DataOutputStream} wrote, straight from the array: the store value is read for
   * every event, and the stream's readUTF was most of the decoding. Its texts (ids, numbers, times)
   * are ASCII, taken as they are; any other goes through readUTF itself.
   */
  private static final class Reader {
    private final byte[] b;
    private int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    byte readByte() {
      return b[pos++];
    }

    int readInt() {
      int v = ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    long readLong() {
      long high = readInt() & 0xffffffffL;
      return (high << 32) | (readInt() & 0xffffffffL);
    }

    String text() throws IOException {
      if (readByte() == 0) {
        return null;
      }
      int length = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
      int start = pos + 2;
      Objects.checkFromIndexSize(start, length, b.length);
      for (int i = start; i < start + length; i++) {
        if (b[i] <= 0) { // beyond ASCII, or a zero byte: modified UTF-8, the stream's own reader decides
          String s = new DataInputStream(new ByteArrayInputStream(b, pos, length + 2)).readUTF();
          pos = start + length;
          return s;
        }
      }
      pos = start + length;
      return new String(b, start, length, StandardCharsets.ISO_8859_1);
    }
  }
}
