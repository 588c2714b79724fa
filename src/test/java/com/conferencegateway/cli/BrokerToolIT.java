package com.conferencegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.conferencegateway.kafka.KafkaBroker;
import com.conferencegateway.kafka.TopicReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code broker}: dev mode's broker in a process of its own, at the ports and directory it is given. */
class BrokerToolIT {
  private final StringWriter err = new StringWriter();

  private CommandLine commandLine() {
    CommandLine cl = Cli.commandLine(config -> Cli.OK);
    cl.setErr(new PrintWriter(err, true));
    return cl;
  }

  @Test
  void brokerServesClientsAtTheGivenPortWithItsLogsInTheGivenDirectory(@TempDir Path dir) throws Exception {
    int port = KafkaBroker.freePort();
    Path data = dir.resolve("broker");
    CommandLine cl = commandLine();
    int code = cl.execute("broker", "--port", String.valueOf(port), "--controller-port",
        String.valueOf(KafkaBroker.freePort()), "--data-dir", data.toString());
    BrokerTool tool = cl.getSubcommands().get("broker").getCommand();
    try {
      assertThat(code).as(err.toString()).isZero();
      String bootstrap = "localhost:" + port;
      assertThat(tool.broker().bootstrapServers()).isEqualTo(bootstrap);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.createTopics(List.of(new NewTopic("shared", 1, (short) 1))).all().get();
      }
      try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
          new StringSerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>("shared", "k", "through the broker tool".getBytes(StandardCharsets.UTF_8)))
            .get();
      }
      assertThat(TopicReader.read(bootstrap, "shared", 1, Duration.ofSeconds(20)))
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("through the broker tool");
      assertThat(data.resolve("meta.properties")).exists();
      try (var logs = Files.list(data)) {
        assertThat(logs.map(p -> p.getFileName().toString())).contains("shared-0");
      }
    } finally {
      if (tool.broker() != null) {
        tool.broker().stop();
      }
    }
  }

  @Test
  void aTakenPortFailsWithExitOneNamingThePortAndWhatToDo(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("localhost", 0));
      int code = commandLine().execute("broker", "--port", String.valueOf(taken.getLocalPort()),
          "--controller-port", String.valueOf(KafkaBroker.freePort()), "--data-dir", dir.toString());
      assertThat(code).isEqualTo(Cli.FAILED);
      assertThat(err.toString()).contains("broker failed", "port " + taken.getLocalPort(), "is taken",
          "kafka.embedded.port");
    }
  }
}
