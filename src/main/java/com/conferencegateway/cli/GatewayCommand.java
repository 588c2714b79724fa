package com.conferencegateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "java -jar target/conference-gateway.jar", mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = {"Runs Conference Gateway: platform pushes into Kafka, commands from Kafka to the platform.",
        "With KAFKA_BOOTSTRAP_SERVERS and PLATFORM_BASE_URL unset it starts dev mode: an embedded Kafka broker and "
            + "an embedded platform simulator. Configuration: conf/application.yaml or --config, then environment "
            + "variables (see the README)."},
    subcommands = {CommandTool.class, WatchTool.class, BenchTool.class, SimulatorTool.class, BrokerTool.class},
    footer = {"", "Exit codes: 0 ok, 1 failed, 2 wrong command line or configuration."})
final class GatewayCommand implements Callable<Integer> {
  private final Function<Path, Integer> runGateway;

  @Option(names = "--config", paramLabel = "FILE", description = "configuration file (default conf/application.yaml)")
  Path config;

  GatewayCommand(Function<Path, Integer> runGateway) {
    this.runGateway = runGateway;
  }

  @Override
  public Integer call() {
    return runGateway.apply(config);
  }
}
