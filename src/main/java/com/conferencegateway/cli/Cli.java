package com.conferencegateway.cli;

import com.conferencegateway.config.InvalidConfig;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The jar's command line: the gateway itself and its tools, with one set of rules. {@code --help}
 * at every level and {@code --version}; exit 0 on success, 1 when a command ran and failed, 2 on a
 * usage or configuration error, said in one line that names the problem.
 */
public final class Cli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private Cli() {}

  /** {@code runGateway}: starts the gateway with the given config file (or null) and returns its exit code. */
  public static CommandLine commandLine(Function<Path, Integer> runGateway) {
    CommandLine cl = new CommandLine(new GatewayCommand(runGateway));
    cl.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println(ex.getMessage() + " (see "
          + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof InvalidConfig) {
        commandLine.getErr().println("Configuration error: " + ex.getMessage());
        return USAGE;
      }
      commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + " failed: " + ex.getMessage());
      return FAILED;
    });
    return cl;
  }

  /** The jar's version, from its manifest (unknown when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Cli.class.getPackage().getImplementationVersion();
      return new String[] {"conference-gateway " + (v == null ? "(development build)" : v)};
    }
  }
}
