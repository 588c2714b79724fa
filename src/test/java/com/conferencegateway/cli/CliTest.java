package com.conferencegateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The jar's command line as a new user meets it: help everywhere, one-line errors, the contract's exit codes. */
class CliTest {
  private final List<Path> gatewayStarts = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Cli.commandLine(config -> {
      gatewayStarts.add(config);
      return Cli.OK;
    });
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void helpPrintsTheUsageOfTheJarAndItsSubcommandsAndStartsNothing() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage:", "--config", "command", "watch", "bench", "simulator", "broker", "Exit codes");
    assertThat(gatewayStarts).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"command", "command create", "command recharge", "watch", "bench", "bench push",
      "bench command", "simulator", "broker"})
  void everySubcommandTakesHelp(String subcommand) {
    List<String> args = new ArrayList<>(List.of(subcommand.split(" ")));
    args.add("--help");
    assertThat(run(args.toArray(String[]::new))).isZero();
    assertThat(out.toString()).contains("Usage:").contains(subcommand.substring(subcommand.lastIndexOf(' ') + 1));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void brokerOutsideThePortRangeExitsTwoNamingTheOptionAndStartsNothing() {
    assertThat(run("broker", "--port", "70000")).isEqualTo(Cli.USAGE);
    assertThat(err.toString()).contains("--port", "70000", "1-65535");
    assertThat(run("broker", "--controller-port", "0")).isEqualTo(Cli.USAGE);
    assertThat(err.toString()).contains("--controller-port");
  }

  @Test
  void versionIsPrinted() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("conference-gateway ");
  }

  @Test
  void noArgumentsStartTheGatewayAndConfigNamesItsFile() {
    assertThat(run()).isZero();
    assertThat(run("--config", "conf/other.yaml")).isZero();
    assertThat(gatewayStarts).containsExactly(null, Path.of("conf/other.yaml"));
  }

  @Test
  void aCommandMissingItsOptionsIsAUsageErrorInOneLineNamingThem() {
    assertThat(run("command", "create", "--account", "X")).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(1);
    assertThat(err.toString()).contains("--caller", "--phones", "--user", "--help");
  }

  @Test
  void aWrongValueIsAUsageErrorNamingTheOption() {
    assertThat(run("command", "recharge", "--account", "A", "--amount", "ten", "--type", "money", "--unit-price", "1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--amount").contains("ten");
    assertThat(run("command", "recharge", "--account", "A", "--amount", "10", "--type", "gold", "--unit-price", "1"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("gold");
  }

  @ParameterizedTest
  @ValueSource(strings = {"frobnicate", "--bogus", "command", "bench", "watch"})
  void anUnknownOrIncompleteCommandLineExits2AndStartsNothing(String arg) {
    assertThat(run(arg)).isEqualTo(2);
    assertThat(err.toString()).isNotBlank();
    assertThat(gatewayStarts).isEmpty();
  }
}
