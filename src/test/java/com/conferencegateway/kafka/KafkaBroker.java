package com.conferencegateway.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Gives a test class a real Kafka broker: a Testcontainers {@code apache/kafka} container where a
 * Docker engine runs, else the embedded KRaft broker in this JVM. Never skipped.
 *
 * <p>{@link #shared()} is one broker for the whole test JVM (tests keep apart by topic names);
 * {@link #dedicated()} is the class's own embedded broker, which the class may stop and start.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static KafkaBroker sharedInstance;
  private static Boolean docker;

  private final boolean dedicated;
  private EmbeddedKafka embedded;
  private KafkaContainer container;

  private KafkaBroker(boolean dedicated) {
    this.dedicated = dedicated;
  }

  public static synchronized KafkaBroker shared() {
    if (sharedInstance == null) {
      sharedInstance = new KafkaBroker(false);
    }
    return sharedInstance;
  }

  public static KafkaBroker dedicated() {
    return new KafkaBroker(true);
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (embedded != null || container != null) {
      return;
    }
    if (!dedicated && dockerAvailable()) {
      container = new KafkaContainer("apache/kafka:4.2.2");
      container.start();
      LOG.info("Tests use a Kafka container at {}", container.getBootstrapServers());
    } else {
      embedded = newEmbedded();
      embedded.start();
      LOG.info("Tests use an embedded Kafka broker at {}", embedded.bootstrapServers());
    }
    if (!dedicated) {
      // Stopped when the whole run ends, not after the first class.
      context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .put(KafkaBroker.class.getName(), (ExtensionContext.Store.CloseableResource) this::close);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (dedicated) {
      close();
    }
  }

  public String bootstrapServers() {
    return container != null ? container.getBootstrapServers() : embedded.bootstrapServers();
  }

  /** Stops a dedicated broker; its address and data stay, so {@link #start()} brings it back as it was. */
  public void stop() {
    requireDedicated();
    embedded.stop();
  }

  public void start() {
    requireDedicated();
    embedded.start();
  }

  private void requireDedicated() {
    if (!dedicated) {
      throw new IllegalStateException("only a dedicated broker may be stopped and started");
    }
  }

  private synchronized void close() {
    if (embedded != null) {
      embedded.stop();
      embedded = null;
    }
    if (container != null) {
      container.stop();
      container = null;
    }
  }

  private static EmbeddedKafka newEmbedded() {
    try {
      Path dir = Files.createTempDirectory("kafka-test");
      return new EmbeddedKafka(dir.resolve("data"), "localhost", freePort(), freePort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ports handed out in this JVM: the OS may offer a just-closed port again, and two of a config must differ. */
  private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A port free now and not handed out before in this JVM. */
  public static int freePort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        socket.setReuseAddress(true);
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port that was not handed out already");
  }

  private static synchronized boolean dockerAvailable() {
    if (docker == null) {
      try {
        docker = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException e) {
        docker = false;
      }
      LOG.info("Docker engine {}: tests use {}", docker ? "found" : "not found",
          docker ? "a Kafka container" : "the embedded Kafka broker");
    }
    return docker;
  }
}
