package com.agenthub.migrate;

import com.agenthub.migrate.snapshot.Snapshot;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine;

/** Reads and validates a snapshot for a command, turning a bad directory into a usage error. */
final class SnapshotLoading {

  private SnapshotLoading() {}

  static ValidatedSnapshot load(CommandLine.Model.CommandSpec spec, Path directory) {
    try {
      return ValidatedSnapshot.of(Snapshot.read(directory), Instant.now());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    } catch (IOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + directory + ": " + e);
    }
  }
}
