package com.conferencegateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.conferencegateway.Gateway;
import com.conferencegateway.Http;
import com.conferencegateway.TestGateways;
import com.conferencegateway.ingress.DemoPushes;
import com.conferencegateway.kafka.KafkaBroker;
import io.vertx.core.json.JsonObject;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the push port and the source allowlist. */
@Tag("reliability")
class PushSecurityIT {
  @RegisterExtension static final KafkaBroker KAFKA = KafkaBroker.shared();

  @Test
  void pushesOverTlsAreAcceptedAndPlainHttpIsNot(@TempDir Path dir) throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(openssl.exitValue()).as(new String(openssl.getInputStream().readAllBytes())).isZero();
    Gateway gateway = TestGateways.start(TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(),
        TestGateways.uniquePrefix(), """
        gateway:
          servedAppIds: ["%s"]
          security:
            tlsCertFile: %s
            tlsKeyFile: %s
        """.formatted(DemoPushes.STATUS_APP, cert, key))));
    try {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (FileInputStream in = new FileInputStream(cert.toFile())) {
        trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(
              URI.create("https://localhost:" + gateway.pushPort() + "/platform/status"))
          .POST(HttpRequest.BodyPublishers.ofString(DemoPushes.STATUS)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getString("result")).isEqualTo("0");
      assertThatThrownBy(() -> Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/status", DemoPushes.STATUS))
          .isInstanceOf(java.io.IOException.class);
    } finally {
      TestGateways.stop(gateway);
    }
  }

  @Test
  void aSourceOutsideTheAllowlistIsRefusedWith403And0010() throws Exception {
    Gateway gateway = TestGateways.start(TestGateways.config(TestGateways.yaml(KAFKA.bootstrapServers(),
        TestGateways.uniquePrefix(), """
        gateway:
          servedAppIds: ["%s"]
          security:
            allowedSources: ["203.0.113.0/24", "2001:db8::/32"]
        """.formatted(DemoPushes.STATUS_APP))));
    try {
      assertThat(TestGateways.awaitReady(gateway, Duration.ofSeconds(30)).status()).isEqualTo(200);
      Http.Answer a = Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/status", DemoPushes.STATUS);
      assertThat(a.status()).isEqualTo(403);
      assertThat(a.json().getString("result")).isEqualTo("0010");
      Http.Answer c = Http.post("http://127.0.0.1:" + gateway.pushPort() + "/platform/cdr", DemoPushes.CDR);
      assertThat(c.json().getString("code")).isEqualTo("0010");
    } finally {
      TestGateways.stop(gateway);
    }
  }
}
