package com.conferencegateway.session;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
      byte format = in.readByte();
      if (format != FORMAT_1) {
        throw new IllegalStateException("session store value of unknown format " + format);
      }
      String sessionId = text(in);
      String appId = text(in);
      String accountId = text(in);
      String caller = text(in);
      SessionStatus status = SessionStatus.values()[in.readByte()];
      String createdAt = text(in);
      String answeredAt = text(in);
      String endedAt = text(in);
      int legCount = in.readInt();
      List<Leg> legs = new ArrayList<>(legCount);
      for (int i = 0; i < legCount; i++) {
        legs.add(new Leg(text(in), text(in), text(in), text(in), text(in)));
      }
      int cdrCount = in.readInt();
      long billed = in.readLong();
      long version = in.readLong();
      String updatedAt = text(in);
      int ids = in.readInt();
      List<String> cdrIds = new ArrayList<>(ids);
      for (int i = 0; i < ids; i++) {
        cdrIds.add(text(in));
      }
      String endAcceptedAt = text(in);
      return new FoldedSession(new ConferenceSession(sessionId, appId, accountId, caller, status, createdAt,
          answeredAt, endedAt, legs, cdrCount, billed, version, updatedAt), cdrIds, endAcceptedAt);
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

  private static String text(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
