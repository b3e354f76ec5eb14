package com.agenthub.migrate;

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
    return new CommandLine(new Migrate()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }
}
