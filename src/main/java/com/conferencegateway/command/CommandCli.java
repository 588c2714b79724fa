package com.conferencegateway.command;

import com.conferencegateway.config.ConfigLoader;
import com.conferencegateway.config.GatewayConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code java -jar conference-gateway.jar command TYPE --option value ...}: produces one command to
 * the command topic and prints its result when it arrives. A plain blocking program: no event loop.
 * Exit code 0 succeeded, 1 failed or rejected, 2 bad usage, 3 no result in time.
 */
public final class CommandCli {
  private static final String USAGE = """
      usage: command TYPE [options] [--bootstrap HOST:PORT] [--timeout SECONDS] [--config FILE] [--id COMMAND_ID]
        create      --account ID --caller NUMBER --phones N1,N2 --user USER_ID
        add         --session SESSION_ID --phones N1,N2
        remove      --session SESSION_ID --phones N1,N2
        end         --session SESSION_ID
        register    --company ID --name NAME --telephone NUMBER --linker NAME [--email E] [--record-url U] [--status-url U]
        recharge    --account ID --amount N --type money|time --unit-price P [--ability COMM]
        refresh-key --account ID
      The broker is --bootstrap, else KAFKA_BOOTSTRAP_SERVERS, else localhost:9092 (dev mode).""";

  private CommandCli() {}

  public static int run(List<String> args) {
    if (args.isEmpty() || args.get(0).startsWith("-")) {
      System.err.println(USAGE);
      return 2;
    }
    String type = args.get(0);
    Map<String, String> opts = options(args.subList(1, args.size()));
    if (opts == null) {
      System.err.println(USAGE);
      return 2;
    }
    JsonObject command;
    try {
      command = build(type, opts);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      return 2;
    }
    GatewayConfig config = ConfigLoader.loadForTools(opts.containsKey("config") ? Path.of(opts.get("config")) : null,
        System.getenv());
    String bootstrap = opts.getOrDefault("bootstrap", config.kafka().embeddedMode()
        ? config.kafka().embedded().host() + ":" + config.kafka().embedded().port() : config.kafka().bootstrapServers());
    Duration timeout = Duration.ofSeconds(Long.parseLong(opts.getOrDefault("timeout", "30")));
    return send(bootstrap, config, command, timeout);
  }

  static JsonObject build(String type, Map<String, String> o) {
    JsonObject c = new JsonObject().put("commandId", o.getOrDefault("id", "cli-" + UUID.randomUUID()));
    switch (type) {
      case "create" -> c.put("type", "conference.create").put("accountId", need(o, "account"))
          .put("caller", need(o, "caller")).put("phones", list(need(o, "phones"))).put("userId", need(o, "user"));
      case "add", "remove" -> c.put("type", type.equals("add") ? "conference.add" : "conference.remove")
          .put("sessionId", need(o, "session")).put("phones", list(need(o, "phones")));
      case "end" -> c.put("type", "conference.end").put("sessionId", need(o, "session"));
      case "register" -> {
        JsonObject auth = new JsonObject().put("name", need(o, "name")).put("telephone", need(o, "telephone"))
            .put("linker", need(o, "linker"));
        if (o.containsKey("email")) {
          auth.put("email", o.get("email"));
        }
        c.put("type", "account.register").put("companyId", need(o, "company")).put("authData", auth);
        if (o.containsKey("record-url")) {
          c.put("recordUrl", o.get("record-url"));
        }
        if (o.containsKey("status-url")) {
          c.put("statusUrl", o.get("status-url"));
        }
      }
      case "recharge" -> {
        long amount;
        try {
          amount = Long.parseLong(need(o, "amount"));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--amount must be a whole number");
        }
        c.put("type", "account.recharge").put("accountId", need(o, "account")).put("amount", amount)
            .put("rechargeType", need(o, "type")).put("unitPrice", need(o, "unit-price"))
            .put("abilityType", o.getOrDefault("ability", "COMM"));
      }
      case "refresh-key" -> c.put("type", "account.refreshKey").put("accountId", need(o, "account"));
      default -> throw new IllegalArgumentException("unknown command type " + type);
    }
    return c;
  }

  private static int send(String bootstrap, GatewayConfig config, JsonObject command, Duration timeout) {
    String key = command.getString("sessionId", command.getString("commandId"));
    GatewayConfig.Topics topics = config.kafka().topics();
    Map<String, Object> common = new HashMap<>(config.kafka().common());
    common.put("bootstrap.servers", bootstrap);
    Map<String, Object> consumerProps = new HashMap<>(common);
    consumerProps.put("enable.auto.commit", "false");
    Map<String, Object> producerProps = new HashMap<>(common);
    producerProps.put("acks", "all");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
        new ByteArrayDeserializer());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
            new ByteArraySerializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(topics.commandResult(), Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      producer.send(new ProducerRecord<>(topics.command(), key, command.encode().getBytes(StandardCharsets.UTF_8))).get();
      System.err.println("sent " + command.encode());
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          JsonObject result = new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
          if (command.getString("commandId").equals(result.getString("commandId"))) {
            System.out.println(result.encodePrettily());
            return "succeeded".equals(result.getString("status")) ? 0 : 1;
          }
        }
      }
      System.err.println("no result within " + timeout.toSeconds() + " s: is the gateway running and consuming "
          + topics.command() + " at " + bootstrap + "?");
      return 3;
    } catch (Exception e) {
      System.err.println("cannot reach Kafka at " + bootstrap + ": " + e.getMessage());
      return 3;
    }
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      if (!args.get(i).startsWith("--") || i + 1 >= args.size()) {
        return null;
      }
      o.put(args.get(i).substring(2), args.get(i + 1));
    }
    return o;
  }

  private static String need(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  private static JsonArray list(String csv) {
    return new JsonArray(Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
  }
}
