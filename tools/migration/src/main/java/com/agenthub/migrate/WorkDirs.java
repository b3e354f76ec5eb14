package com.agenthub.migrate;

import java.nio.file.Path;

/** Where a command keeps its files when not told (--work-dir): beside the snapshot, so that import, verify and shadow find each other's. */
final class WorkDirs {

  private WorkDirs() {}

  static Path of(Path given, Path snapshotDir) {
    return given != null ? given : snapshotDir.resolve(".migrate");
  }
}
