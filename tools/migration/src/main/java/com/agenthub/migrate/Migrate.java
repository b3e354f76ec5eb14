package com.agenthub.migrate;

import com.agenthub.migrate.api.ApiRefusedException;
import com.agenthub.migrate.api.ApiUnreachableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tools/migrate}: moves a legacy snapshot into AgentHub through its public API, and proves it arrived. */
@Command(name = "migrate", mixinStandardHelpOptions = true, version = "agenthub-migrate 1 (snapshot format version 1)",
    description = "Import a snapshot of the legacy dictionaries into AgentHub through its public API, verify it, and compare fresh snapshots against the store while the legacy service dual-writes. See README, Migration.",
    subcommands = {ImportCommand.class, VerifyCommand.class, ShadowCommand.class, CommandLine.HelpCommand.class})
public final class Migrate {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code (what tests call). */
  public static int run(String... args) {
    return new CommandLine(new Migrate()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Migrate::stopped).execute(args);
  }

  /**
   * A command the API stopped says why in one line (exit 2 when the key or the base URL is at
   * fault, 1 when the API failed or could not be reached: run again); anything else is a defect
   * and keeps its stack trace.
   */
  private static int stopped(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    String name = command.getCommandName();
    if (e instanceof ApiRefusedException refused) {
      command.getErr().println(name + ": " + refused.getMessage());
      return refused.refusesTheCaller() ? 2 : 1;
    }
    if (e instanceof ApiUnreachableException unreachable) {
      command.getErr().println(name + ": the API cannot be reached (" + unreachable.getMessage() + ")");
      return 1;
    }
    throw e;
  }
}
