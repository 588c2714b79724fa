package com.conferencegateway.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code command TYPE --option value ...}: produces one command to the command topic and prints its
 * result when it arrives. Exit 0 succeeded, 1 failed, rejected or no result in time, 2 bad usage.
 */
@Command(name = "command", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = "Sends one command to the gateway through Kafka and prints its result.",
    subcommands = {CommandTool.Create.class, CommandTool.Add.class, CommandTool.Remove.class, CommandTool.End.class,
        CommandTool.Register.class, CommandTool.Recharge.class, CommandTool.RefreshKey.class})
final class CommandTool {

  /** What every command type shares: where to send it, how long to wait, its id. */
  abstract static class Send implements Callable<Integer> {
    @Mixin KafkaTarget kafka;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "wait this long for the result")
    long timeoutSeconds;

    @Option(names = "--id", paramLabel = "COMMAND_ID", description = "the commandId (default: a new UUID)")
    String id;

    abstract JsonObject command(JsonObject withId);

    @Override
    public Integer call() {
      JsonObject command = command(new JsonObject().put("commandId", id != null ? id : "cli-" + UUID.randomUUID()));
      return CommandSender.send(kafka.bootstrapServers(), kafka.config(), command, Duration.ofSeconds(timeoutSeconds));
    }
  }

  static JsonArray phones(List<String> numbers) {
    return new JsonArray(numbers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "conference.create: call the caller, then the phones")
  static final class Create extends Send {
    @Option(names = "--account", required = true, paramLabel = "ID") String account;
    @Option(names = "--caller", required = true, paramLabel = "NUMBER") String caller;
    @Option(names = "--phones", required = true, split = ",", paramLabel = "N1,N2") List<String> phones;
    @Option(names = "--user", required = true, paramLabel = "USER_ID") String user;

    @Override
    JsonObject command(JsonObject c) {
      return c.put("type", "conference.create").put("accountId", account).put("caller", caller)
          .put("phones", phones(phones)).put("userId", user);
    }
  }

  /** add and remove: the same options, another command type. */
  abstract static class Participants extends Send {
    @Option(names = "--session", required = true, paramLabel = "SESSION_ID") String session;
    @Option(names = "--phones", required = true, split = ",", paramLabel = "N1,N2") List<String> phones;

    abstract String type();

    @Override
    JsonObject command(JsonObject c) {
      return c.put("type", type()).put("sessionId", session).put("phones", phones(phones));
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "conference.add: dial more participants in")
  static final class Add extends Participants {
    @Override
    String type() {
      return "conference.add";
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "conference.remove: hang participants up")
  static final class Remove extends Participants {
    @Override
    String type() {
      return "conference.remove";
    }
  }

  @Command(name = "end", mixinStandardHelpOptions = true, description = "conference.end: end the conference")
  static final class End extends Send {
    @Option(names = "--session", required = true, paramLabel = "SESSION_ID") String session;

    @Override
    JsonObject command(JsonObject c) {
      return c.put("type", "conference.end").put("sessionId", session);
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true, description = "account.register: a new organisation account")
  static final class Register extends Send {
    @Option(names = "--company", required = true, paramLabel = "ID") String company;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--telephone", required = true, paramLabel = "NUMBER") String telephone;
    @Option(names = "--linker", required = true, paramLabel = "NAME") String linker;
    @Option(names = "--email") String email;
    @Option(names = "--record-url", paramLabel = "URL") String recordUrl;
    @Option(names = "--status-url", paramLabel = "URL") String statusUrl;

    @Override
    JsonObject command(JsonObject c) {
      JsonObject auth = new JsonObject().put("name", name).put("telephone", telephone).put("linker", linker);
      if (email != null) {
        auth.put("email", email);
      }
      c.put("type", "account.register").put("companyId", company).put("authData", auth);
      if (recordUrl != null) {
        c.put("recordUrl", recordUrl);
      }
      if (statusUrl != null) {
        c.put("statusUrl", statusUrl);
      }
      return c;
    }
  }

  /** How an account is recharged: in money or in time. */
  enum RechargeType { money, time }

  @Command(name = "recharge", mixinStandardHelpOptions = true, description = "account.recharge: credit an account")
  static final class Recharge extends Send {
    @Option(names = "--account", required = true, paramLabel = "ID") String account;
    @Option(names = "--amount", required = true, paramLabel = "N") long amount;
    @Option(names = "--type", required = true, paramLabel = "money|time") RechargeType type;
    @Option(names = "--unit-price", required = true, paramLabel = "P") String unitPrice;
    @Option(names = "--ability", defaultValue = "COMM") String ability;

    @Override
    JsonObject command(JsonObject c) {
      return c.put("type", "account.recharge").put("accountId", account).put("amount", amount)
          .put("rechargeType", type.name()).put("unitPrice", unitPrice).put("abilityType", ability);
    }
  }

  @Command(name = "refresh-key", mixinStandardHelpOptions = true, description = "account.refreshKey: a new temp key")
  static final class RefreshKey extends Send {
    @Option(names = "--account", required = true, paramLabel = "ID") String account;

    @Override
    JsonObject command(JsonObject c) {
      return c.put("type", "account.refreshKey").put("accountId", account);
    }
  }
}
