package com.conferencegateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.ingress.DemoPushes;
import com.conferencegateway.kafka.KafkaBroker;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The query API of two processes that fold one view between them, asked as a service would: with a
 * bearer token, every answer (200, 400, 401, 404, 503) as docs/openapi.yaml declares it, any
 * conference from either process, walks that visit each conference once, and events.
 */
class QueryApiIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static final String TOKEN = "query-token-for-tests-0001";
  private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer " + TOKEN);
  private static final int CONFERENCES = 25;
  private static final String EXTRA = """
      gateway:
        queryTokens: ["%s", "another-token-0002"]
        queryMaxEventStreams: 2
        servedAppIds: ["%s"]
      """.formatted(TOKEN, DemoPushes.STATUS_APP);
  private static Gateway a;
  private static Gateway b;
  private static OpenApiDocument openApi;
  private static final List<String> SESSIONS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    openApi = new OpenApiDocument();
    String prefix = TestGateways.uniquePrefix();
    a = TestGateways.start(TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), prefix, EXTRA)));
    b = TestGateways.start(TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), prefix, EXTRA)));
    for (Gateway g : List.of(a, b)) {
      Http.Answer ready = TestGateways.awaitReady(g, Duration.ofSeconds(60));
      assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    }
    for (int i = 0; i < CONFERENCES; i++) {
      String session = "5000000000000000000000000000" + String.format("%04d", i);
      SESSIONS.add(session);
      push(a, session, "RINGING", "20261129180000000");
      if (i % 2 == 0) {
        push(a, session, "ANSWERED", "20261129180005000");
      }
    }
    for (String s : SESSIONS) {
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(url(a, "/conferences/" + s), AUTH).status()
          == 200 && Http.get(url(a, "/conferences/" + s), AUTH).json().getLong("version") == (index(s) % 2 == 0 ? 2 : 1));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    TestGateways.stop(b);
    TestGateways.stop(a);
  }

  private static int index(String session) {
    return SESSIONS.indexOf(session);
  }

  private static void push(Gateway g, String session, String state, String time) throws Exception {
    Http.Answer answer = Http.post("http://127.0.0.1:" + g.pushPort() + "/platform/status",
        DemoPushes.STATUS.replace("60048697352637101321471681503865", session).replace(" RINGING", state)
            .replace("20150504141420069", time));
    assertThat(answer.body()).contains("\"result\":\"0\"");
  }

  private static String url(Gateway g, String pathAndQuery) {
    return "http://127.0.0.1:" + g.queryPort() + pathAndQuery;
  }

  /** Asks, and holds the answer to the document. */
  private static Http.Answer ask(Gateway g, String template, String pathAndQuery, Map<String, String> headers, int status)
      throws Exception {
    Http.Answer answer = Http.get(url(g, pathAndQuery), headers);
    assertThat(answer.status()).as(pathAndQuery + ": " + answer.body()).isEqualTo(status);
    assertThat(openApi.problems(template, "GET", status, answer::header, answer.body())).as(pathAndQuery).isEmpty();
    return answer;
  }

  @Test
  void everyAnswerIsAsTheDocumentDeclaresIt() throws Exception {
    String one = "/conferences/{sessionId}";
    assertThat(openApi.problems(one, "GET", 200, h -> null, "{\"sessionId\":1}")).as("the check can fail").isNotEmpty();
    assertThat(openApi.problems(one, "GET", 401, h -> null, "{\"error\":{\"code\":\"UNAUTHORIZED\",\"message\":\"m\"}}"))
        .as("a missing WWW-Authenticate is caught").isNotEmpty();
    assertThat(ask(a, one, "/conferences/" + SESSIONS.get(0), AUTH, 200).json().getString("status")).isEqualTo("active");
    assertThat(ask(a, one, "/conferences/59999999999999999999999999999999", AUTH, 404).json().getJsonObject("error")
        .getString("code")).isEqualTo("NOT_FOUND");
    assertThat(ask(a, one, "/conferences/not%20a%20session", AUTH, 400).body()).contains("INVALID_SESSION_ID");
    Http.Answer noToken = ask(a, one, "/conferences/" + SESSIONS.get(0), Map.of(), 401);
    assertThat(noToken.header("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(noToken.json().getJsonObject("error").getString("code")).isEqualTo("UNAUTHORIZED");
    ask(a, one, "/conferences/" + SESSIONS.get(0), Map.of("Authorization", "Bearer wrong-token-0000000000"), 401);
    ask(b, one, "/conferences/" + SESSIONS.get(0), Map.of("Authorization", "Bearer another-token-0002"), 200);

    String list = "/conferences";
    assertThat(ask(a, list, "/conferences?limit=3", AUTH, 200).json().getJsonArray("conferences")).hasSize(3);
    assertThat(ask(a, list, "/conferences?status=finished", AUTH, 400).json().getJsonObject("error")
        .getString("message")).contains("ringing, active or ended");
    assertThat(ask(a, list, "/conferences?limit=0", AUTH, 400).body()).contains("INVALID_LIMIT");
    assertThat(ask(a, list, "/conferences?limit=1001", AUTH, 400).body()).contains("INVALID_LIMIT");
    assertThat(ask(a, list, "/conferences?after=made-up.cursor", AUTH, 400).body()).contains("INVALID_CURSOR");
    ask(a, list, "/conferences", Map.of(), 401);
  }

  @Test
  void eachProcessAnswersForEveryConferenceWhicheverFoldsIt() throws Exception {
    for (Gateway g : List.of(a, b)) {
      for (String s : SESSIONS) {
        Http.Answer answer = Http.get(url(g, "/conferences/" + s), AUTH);
        assertThat(answer.status()).as(s).isEqualTo(200);
        assertThat(answer.json().getString("sessionId")).isEqualTo(s);
      }
    }
  }

  @Test
  void aWalkFromEitherProcessVisitsEachConferenceOnceInOrder() throws Exception {
    for (Gateway g : List.of(a, b)) {
      List<String> all = walk(g, "/conferences?limit=4");
      assertThat(all).containsExactlyElementsOf(SESSIONS);
      List<String> active = walk(g, "/conferences?limit=3&status=active");
      assertThat(active).containsExactlyElementsOf(SESSIONS.stream().filter(s -> index(s) % 2 == 0).toList());
      assertThat(walk(g, "/conferences?limit=1000&status=ended")).isEmpty();
    }
  }

  @Test
  void aCursorUsedWithOtherFiltersIsRefused() throws Exception {
    String next = Http.get(url(a, "/conferences?limit=2&status=active"), AUTH).json().getString("next");
    assertThat(next).isNotNull();
    Http.Answer mismatch = ask(a, "/conferences", "/conferences?limit=2&status=ringing&after="
        + URLEncoder.encode(next, StandardCharsets.UTF_8), AUTH, 400);
    assertThat(mismatch.json().getJsonObject("error").getString("code")).isEqualTo("CURSOR_MISMATCH");
    // The same cursor, from the other process: cursors are the fleet's, not one process's.
    assertThat(Http.get(url(b, "/conferences?limit=2&status=active&after=" + URLEncoder.encode(next,
        StandardCharsets.UTF_8)), AUTH).status()).isEqualTo(200);
  }

  @Test
  void aForwardedRequestNotFromTheFleetIsRefused() throws Exception {
    Http.Answer forged = Http.get(url(a, "/conferences/" + SESSIONS.get(0)),
        Map.of(Credentials.FORWARDED, "forged-token", "Authorization", "Bearer " + TOKEN));
    assertThat(forged.status()).isEqualTo(401);
  }

  @Test
  void eventsStreamTheCurrentValueThenEveryChangeAndMoreStreamsThanTheCapAre503() throws Exception {
    String session = SESSIONS.get(1);
    HttpResponse<Stream<String>> stream = Http.stream(url(b, "/conferences/" + session + "/events"),
        Map.of("Authorization", "Bearer " + TOKEN, "Accept", "text/event-stream"));
    HttpResponse<Stream<String>> resumed = Http.stream(url(b, "/conferences/" + session + "/events"),
        Map.of("Authorization", "Bearer " + TOKEN, "Accept", "text/event-stream", "Last-Event-ID", "1"));
    try {
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
      Iterator<String> lines = stream.body().iterator();
      Iterator<String> resumedLines = resumed.body().iterator();
      assertThat(nextEvent(lines).getLong("version")).as("the current value first").isEqualTo(1);

      ask(b, "/conferences/{sessionId}/events", "/conferences/" + session + "/events", AUTH, 503);

      push(a, session, "ANSWERED", "20261129180009000");
      JsonObject change = nextEvent(lines);
      assertThat(change.getLong("version")).isEqualTo(2);
      assertThat(change.getString("status")).isEqualTo("active");
      assertThat(nextEvent(resumedLines).getLong("version")).as("Last-Event-ID 1: only what is newer").isEqualTo(2);
    } finally {
      stream.body().close();
      resumed.body().close();
    }
  }

  @Test
  void aProcessWhoseFoldCannotStartAnswers503WithRetryAfter() throws Exception {
    String prefix = TestGateways.uniquePrefix();
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(prefix + "conference.state", 2, (short) 1))).all().get();
    }
    Gateway unready = TestGateways.start(TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(), prefix, EXTRA)));
    try {
      Http.Answer answer = ask(unready, "/conferences/{sessionId}", "/conferences/" + SESSIONS.get(0), AUTH, 503);
      assertThat(answer.header("Retry-After")).isEqualTo("1");
      ask(unready, "/conferences", "/conferences", AUTH, 503);
    } finally {
      TestGateways.stop(unready);
    }
  }

  /** The session ids of a whole walk, following next. */
  private static List<String> walk(Gateway g, String first) throws Exception {
    List<String> ids = new ArrayList<>();
    String next = null;
    do {
      String page = first + (next == null ? "" : "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      Http.Answer answer = ask(g, "/conferences", page, AUTH, 200);
      answer.json().getJsonArray("conferences").forEach(c -> ids.add(((JsonObject) c).getString("sessionId")));
      next = answer.json().getString("next");
    } while (next != null);
    return ids;
  }

  /** The data of the next event on the stream (comments skipped), within 20 s. */
  private static JsonObject nextEvent(Iterator<String> lines) throws Exception {
    CompletableFuture<JsonObject> event = CompletableFuture.supplyAsync(() -> {
      String id = null;
      String name = null;
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          JsonObject data = new JsonObject(line.substring(6));
          assertThat(name).isEqualTo("conference.session");
          assertThat(id).isEqualTo(String.valueOf(data.getLong("version")));
          return data;
        }
      }
      throw new AssertionError("the stream ended");
    });
    return event.get(20, TimeUnit.SECONDS);
  }
}
