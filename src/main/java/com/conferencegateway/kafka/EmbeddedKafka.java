package com.conferencegateway.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one) inside this JVM.
 * Dev mode and the tests use it; production points the gateway at a cluster instead.
 *
 * <p>Starting and stopping block for a second or two: call them from main or a worker, never from
 * an event loop.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  // Fixed so that a data directory formatted once is reused by every later start.
  private static final String CLUSTER_ID = "Y29uZmVyZW5jZS1nYXRld2F5";

  private final Path dataDir;
  private final String host;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  public EmbeddedKafka(Path dataDir, String host, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public synchronized EmbeddedKafka start() {
    if (server != null) {
      return this;
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the embedded Kafka data directory " + dataDir, e);
    }
    requireFree(port, "kafka.embedded.port");
    requireFree(controllerPort, "kafka.embedded.controllerPort");
    KafkaConfig config = KafkaConfig.fromProps(brokerProperties(), false);
    format(config);
    server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    LOG.info("Embedded Kafka broker started at {} (data in {})", bootstrapServers(), dataDir.toAbsolutePath());
    return this;
  }

  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
      LOG.info("Embedded Kafka broker at {} stopped", bootstrapServers());
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Kafka's own message for a taken port is buried in a stack trace; this one says what to do. */
  private void requireFree(int p, String key) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(host, p));
    } catch (IOException e) {
      throw new IllegalStateException("port " + p + " on " + host + " is taken, so the embedded Kafka broker cannot "
          + "start: is another gateway running? Stop it, or set " + key + " (or KAFKA_BOOTSTRAP_SERVERS for a real cluster)");
    }
  }

  private Properties brokerProperties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.toAbsolutePath().toString());
    // One node: every internal topic with one replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    // The session fold is exactly-once: transactions, whose log needs no 50 partitions here.
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("min.insync.replicas", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    // Keeps the broker's heap near 40 MB: the default cleaner buffer is 128 MB.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
    p.put("log.cleaner.threads", "1");
    p.put("num.network.threads", "2");
    // Four, not two: with two, the fold's transactional requests held up the pushes' produce requests
    // (p99 at 10,000 pushes/s 22.8-25.8 ms; with four 10.3-11.6 ms, no more CPU; eight 13.8 ms).
    p.put("num.io.threads", "4");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    return p;
  }

  private void format(KafkaConfig config) {
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(CLUSTER_ID)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(config.logDirs())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          // A directory formatted by an earlier start is reused as it is.
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the embedded Kafka data directory " + dataDir
          + " (delete it to start afresh): " + e.getMessage(), e);
    }
  }
}
