package com.conferencegateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.Gateway;
import com.conferencegateway.TestGateways;
import com.conferencegateway.ingress.DemoPushes;
import com.conferencegateway.kafka.KafkaBroker;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Slow, greedy and oversized clients are cut off or refused; the gateway keeps serving the others. */
@Tag("reliability")
class HostileInputIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();
  private static Gateway gateway;

  @BeforeAll
  static void start() throws Exception {
    gateway = TestGateways.start(TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(),
        TestGateways.uniquePrefix(), """
        gateway:
          servedAppIds: ["%s", "%s"]
          limits:
            requestsPerSecondPerSource: 5
            burstPerSource: 5
            connectionsPerSource: 6
            idleTimeoutSeconds: 2
            headerTimeoutSeconds: 1
            bodyTimeoutSeconds: 1
            maxHeaderBytes: 4096
        """.formatted(DemoPushes.STATUS_APP, DemoPushes.CDR_APP))));
    assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    TestGateways.stop(gateway);
  }

  // Limits are per source address: each test sends from a loopback address of its own, so no test
  // spends another's rate bucket or connection slots, whatever order they run in.
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_SOURCE = new java.util.concurrent.atomic.AtomicInteger(10);
  private final java.net.InetAddress source = java.net.InetAddress.getByName("127.0.0." + NEXT_SOURCE.incrementAndGet());

  HostileInputIT() throws Exception {}

  private Socket connect() throws Exception {
    Socket s = new Socket(java.net.InetAddress.getByName("127.0.0.1"), gateway.pushPort(), source, 0);
    s.setSoTimeout(8000);
    return s;
  }

  /** Milliseconds until the server closes the socket (read returns -1 or the connection resets). */
  private static long untilClosed(Socket socket, long startNanos) throws Exception {
    InputStream in = socket.getInputStream();
    try {
      while (in.read() != -1) {
        // drain whatever the server says before closing
      }
    } catch (SocketTimeoutException e) {
      return -1;
    } catch (java.io.IOException e) {
      // reset: closed as well
    }
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static final String REQUEST = "POST /platform/status HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";

  /** Reads one whole answer (headers and a Content-Length body) off a keep-alive connection. */
  private static String readAnswer(Socket s) throws Exception {
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c == -1) {
        return null;
      }
      head.append((char) c);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
    int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Test
  void aKeepAliveClientTricklingTheHeadersOfItsNextRequestIsCutOff() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
      assertThat(readAnswer(s)).startsWith("HTTP/1.1 400");
      long start = System.nanoTime();
      out.write("POST /platform/status HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      Thread trickle = new Thread(() -> {
        try {
          for (int i = 0; i < 40; i++) {
            out.write(("X-Slow-" + i + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
          }
        } catch (Exception ignored) {
          // the server closed the connection: that is the point
        }
      });
      trickle.start();
      assertThat(untilClosed(s, start)).as("closed by the header timeout").isBetween(0L, 5000L);
      trickle.join(10_000);
    }
  }

  @Test
  void aConnectionThatSendsNothingIsClosedByTheIdleTimeout() throws Exception {
    try (Socket s = connect()) {
      assertThat(untilClosed(s, System.nanoTime())).as("closed by the idle timeout").isBetween(0L, 6000L);
    }
  }

  @Test
  void aClientThatNeverFinishesItsBodyIsCutOff() throws Exception {
    try (Socket s = connect()) {
      long start = System.nanoTime();
      s.getOutputStream().write(("POST /platform/status HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{\"data\":")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(untilClosed(s, start)).as("closed by the body timeout").isBetween(0L, 5000L);
    }
  }

  @Test
  void connectionsBeyondTheLimitFromOneSourceGet429AndAreClosed() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        sockets.add(connect());
      }
      int answered = 0;
      int refused = 0;
      for (Socket s : sockets) {
        s.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
      }
      for (Socket s : sockets) {
        String answer;
        try {
          answer = readAnswer(s);
        } catch (java.io.IOException e) {
          answer = null;
        }
        if (answer != null && answer.startsWith("HTTP/1.1 429")) {
          refused++;
          assertThat(answer).contains("\"9999\"").containsIgnoringCase("retry-after");
          assertThat(s.getInputStream().read()).as("closed after the 429").isEqualTo(-1);
        } else if (answer != null) {
          answered++;
        }
      }
      assertThat(answered).isLessThanOrEqualTo(6);
      assertThat(refused).isGreaterThanOrEqualTo(4);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void tooManyRequestsFromOneSourceGet429WithRetryAfterAndNeverA500() throws Exception {
    int limited = 0;
    for (int i = 0; i < 60; i++) {
      String answer;
      try (Socket s = connect()) {
        s.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
        answer = readAnswer(s);
      }
      assertThat(answer).matches("(?s)HTTP/1\\.1 (400|429) .*");
      if (answer.startsWith("HTTP/1.1 429")) {
        limited++;
        assertThat(answer).contains("\"9999\"").containsIgnoringCase("retry-after");
      }
    }
    assertThat(limited).isGreaterThanOrEqualTo(30);
  }

  @Test
  void headersOverTheLimitAreRefused() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write(("POST /platform/status HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(8000)
          + "\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
      String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(head).matches("HTTP/1\\.1 4(31|00|13)");
    }
  }
}
