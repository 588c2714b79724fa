package com.conferencegateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.config.GatewayConfig;
import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of bodies, each malformed by construction (truncated JSON, wrong types, over-long and
 * oddly encoded values, unknown states, nesting, random bytes), sent in every charset and content
 * encoding a push may come in: every answer is a 400/403/413/415 with the code that goes with it,
 * never a 5xx, and nothing reaches Kafka. The seed is printed so a
 * failure can be replayed.
 */
class PushFuzzIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final int BODIES_PER_ENDPOINT = 1500;
  private static GatewayConfig config;
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    config = TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), TestGateways.uniquePrefix(),
        "gateway:\n  servedAppIds: [\"" + DemoPushes.STATUS_APP + "\", \"" + DemoPushes.CDR_APP + "\"]\n"));
    gateway = TestGateways.start(config);
    assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    TestGateways.stop(gateway);
  }

  @Test
  void malformedStatusPushesAreRefusedWithTheirCodeAndNeverPublished() throws Exception {
    fuzz("status", DemoPushes.STATUS, a -> a.getString("result"));
    assertThat(TopicReader.read(KAFKA.bootstrapServers(), config.kafka().topics().state(), 0, Duration.ofSeconds(2)))
        .isEmpty();
  }

  @Test
  void malformedCdrPushesAreRefusedWithTheirCodeAndNeverPublished() throws Exception {
    fuzz("cdr", DemoPushes.CDR, a -> a.getString("code"));
    assertThat(TopicReader.read(KAFKA.bootstrapServers(), config.kafka().topics().cdr(), 0, Duration.ofSeconds(2)))
        .isEmpty();
  }

  private void fuzz(String endpoint, String valid, Function<JsonObject, String> codeOf) throws Exception {
    long seed = System.nanoTime();
    System.out.println("PushFuzzIT " + endpoint + " seed " + seed);
    Random random = new Random(seed);
    Map<String, Integer> byMutation = new TreeMap<>();
    Map<String, Integer> byTransport = new TreeMap<>();
    String url = "http://127.0.0.1:" + gateway.pushPort() + "/platform/" + endpoint;
    for (int i = 0; i < BODIES_PER_ENDPOINT; i++) {
      Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
      Transport t = Transport.values()[random.nextInt(Transport.values().length)];
      byte[] body = m.apply(valid, endpoint, random);
      Http.Answer answer = Http.post(url, t.body(body), t.headers());
      String shown = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
      assertThat(answer.status()).as("%s over %s (seed %d): %s -> %s", m, t, seed, shown, answer.body())
          .isIn(400, 403, 413, 415);
      String code = codeOf.apply(answer.json());
      switch (answer.status()) {
        case 400 -> assertThat(code).as("%s over %s: %s", m, t, shown).isIn("0001", "0005");
        case 403 -> assertThat(code).isEqualTo("0003");
        default -> assertThat(code).isEqualTo("0001");
      }
      byMutation.merge(m.name(), 1, Integer::sum);
      byTransport.merge(t.name(), 1, Integer::sum);
    }
    assertThat(byMutation.keySet()).hasSize(Mutation.values().length);
    assertThat(byTransport.keySet()).hasSize(Transport.values().length);
  }

  /**
   * How a spoiled body travels: plain, in a Chinese charset (named or not), compressed, or with
   * headers that lie or name what the gateway does not read. None of them may make it valid.
   */
  enum Transport {
    PLAIN_UTF8(null, null),
    GBK_NAMED("application/json;charset=GBK", null),
    GBK_UNNAMED("application/json", null),
    GB18030_NAMED("application/json; charset=gb18030", null),
    GBK_LABELLED_UTF8("application/json;charset=UTF-8", null),
    UNKNOWN_CHARSET("application/json;charset=x-no-such-charset", null),
    GZIP("application/json", "gzip"),
    GZIP_GBK("application/json;charset=GBK", "gzip"),
    DEFLATE("application/json", "deflate"),
    GZIP_CUT_SHORT("application/json", "gzip"),
    LABELLED_GZIP_BUT_PLAIN("application/json", "gzip"),
    UNKNOWN_ENCODING("application/json", "br");

    private final String contentType;
    private final String contentEncoding;

    Transport(String contentType, String contentEncoding) {
      this.contentType = contentType;
      this.contentEncoding = contentEncoding;
    }

    Map<String, String> headers() {
      Map<String, String> h = new TreeMap<>();
      h.put("content-type", contentType == null ? "application/json" : contentType);
      if (contentEncoding != null) {
        h.put("content-encoding", contentEncoding);
      }
      return h;
    }

    byte[] body(byte[] utf8) throws Exception {
      java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
      byte[] asGbk = new String(utf8, StandardCharsets.UTF_8).getBytes(gbk);
      return switch (this) {
        case PLAIN_UTF8, UNKNOWN_CHARSET, LABELLED_GZIP_BUT_PLAIN, UNKNOWN_ENCODING -> utf8;
        case GBK_NAMED, GBK_UNNAMED, GBK_LABELLED_UTF8 -> asGbk;
        case GB18030_NAMED -> new String(utf8, StandardCharsets.UTF_8).getBytes(java.nio.charset.Charset.forName("GB18030"));
        case GZIP -> PushBodyTest.gzip(utf8);
        case GZIP_GBK -> PushBodyTest.gzip(asGbk);
        case DEFLATE -> PushBodyTest.deflate(utf8, true);
        case GZIP_CUT_SHORT -> {
          byte[] z = PushBodyTest.gzip(utf8);
          yield java.util.Arrays.copyOf(z, Math.max(1, z.length / 2));
        }
      };
    }
  }

  /** Ways to spoil a valid body; each one always yields a body the spec does not allow. */
  enum Mutation {
    TRUNCATED {
      byte[] apply(String valid, String endpoint, Random r) {
        return utf8(valid.substring(0, 1 + r.nextInt(valid.lastIndexOf('}') - 1)));
      }
    },
    RANDOM_BYTES {
      byte[] apply(String valid, String endpoint, Random r) {
        byte[] b = new byte[1 + r.nextInt(400)];
        r.nextBytes(b);
        b[0] = (byte) '#'; // never a JSON value's first byte
        return b;
      }
    },
    WRONG_TYPE {
      byte[] apply(String valid, String endpoint, Random r) {
        JsonObject body = new JsonObject(valid);
        JsonObject data = data(body, endpoint);
        String field = pick(r, requiredFields(endpoint));
        Object[] wrong = {new JsonArray().add(1), new JsonObject().put("a", 1), true, 1.5, null};
        data.put(field, wrong[r.nextInt(wrong.length)]);
        if (data.getValue(field) == null) {
          data.putNull(field);
        }
        return utf8(body.encode());
      }
    },
    MISSING_FIELD {
      byte[] apply(String valid, String endpoint, Random r) {
        JsonObject body = new JsonObject(valid);
        data(body, endpoint).remove(pick(r, requiredFields(endpoint)));
        return utf8(body.encode());
      }
    },
    TOO_LONG {
      byte[] apply(String valid, String endpoint, Random r) {
        JsonObject body = new JsonObject(valid);
        String field = pick(r, List.of(endpoint.equals("status") ? "session_id" : "detailId", "caller", "callee"));
        data(body, endpoint).put(field, "9".repeat(51 + r.nextInt(200_000)));
        return utf8(body.encode());
      }
    },
    ODD_UNICODE_IN_A_CODED_FIELD {
      byte[] apply(String valid, String endpoint, Random r) {
        JsonObject body = new JsonObject(valid);
        String field = endpoint.equals("status") ? pick(r, List.of("call_state", "stateTime")) : pick(r, List.of("beginTime", "time"));
        StringBuilder odd = new StringBuilder();
        String[] pieces = {"\u202e", "\u200b", "\ud83d\ude00", "\u0000", "\ufeff", "é", "\u0301", "中", "\uffff"};
        for (int i = 0; i < 1 + r.nextInt(8); i++) {
          odd.append(pieces[r.nextInt(pieces.length)]);
        }
        data(body, endpoint).put(field, odd.toString());
        return utf8(body.encode());
      }
    },
    LONE_SURROGATE {
      byte[] apply(String valid, String endpoint, Random r) {
        String field = endpoint.equals("status") ? "\"caller\":\"" : "\"caller\":\"";
        return utf8(valid.replace(field, field + "\\ud800"));
      }
    },
    CONTROL_CHARACTER {
      byte[] apply(String valid, String endpoint, Random r) {
        return utf8(valid.replace("\"caller\":\"", "\"caller\":\"\\u000" + r.nextInt(8)));
      }
    },
    DEEP_NESTING {
      byte[] apply(String valid, String endpoint, Random r) {
        int depth = 100 + r.nextInt(3000);
        return utf8("{\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
      }
    },
    WRONG_ROOT {
      byte[] apply(String valid, String endpoint, Random r) {
        String[] roots = {"null", "42", "\"text\"", "[" + valid + "]", "true", "{}", "{\"data\":null}"};
        return utf8(roots[r.nextInt(roots.length)]);
      }
    },
    UNKNOWN_APP {
      byte[] apply(String valid, String endpoint, Random r) {
        JsonObject body = new JsonObject(valid);
        String field = endpoint.equals("status") ? "appidentify" : "app_identify";
        data(body, endpoint).put(field, "APP-" + r.nextInt(1_000_000));
        return utf8(body.encode());
      }
    },
    OVERSIZED {
      byte[] apply(String valid, String endpoint, Random r) {
        return utf8("{\"describe\":\"" + "x".repeat(1_048_577 + r.nextInt(1000)) + "\"}");
      }
    };

    abstract byte[] apply(String valid, String endpoint, Random r);

    /** The demo bodies' keys carry stray spaces; the mutations work on trimmed copies. */
    static JsonObject data(JsonObject body, String endpoint) {
      if (endpoint.equals("status")) {
        JsonObject data = trimmed(body.getJsonObject("data"));
        body.put("data", data);
        return data;
      }
      JsonObject first = trimmed(body.getJsonArray("data").getJsonObject(0));
      body.put("data", new JsonArray().add(first));
      return first;
    }

    static JsonObject trimmed(JsonObject o) {
      JsonObject t = new JsonObject();
      o.forEach(e -> t.put(e.getKey().strip(), e.getValue()));
      return t;
    }

    static List<String> requiredFields(String endpoint) {
      return endpoint.equals("status")
          ? List.of("session_id", "caller", "callee", "call_state", "stateTime", "appidentify")
          : List.of("detailId", "session_id", "beginTime", "endTime", "time", "caller", "callee", "app_identify");
    }

    static String pick(Random r, List<String> l) {
      return new ArrayList<>(l).get(r.nextInt(l.size()));
    }

    static byte[] utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
  }
}
