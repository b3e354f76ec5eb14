package com.agenthub.migrate;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long verify and shadow give GetMetrics to catch up before event counts that differ count as mismatches. */
final class SettleOption {

  @Option(names = "--settle", defaultValue = "90", paramLabel = "SECONDS",
      description = "While analytics_data's counts per day and type differ, ask GetMetrics again for up to this long: an answer it cached before the import stays for its TTL (60 s by default), and events a dual write tracks go through the event pipeline (seconds) (default: ${DEFAULT-VALUE})")
  int seconds;

  Duration duration() {
    return Duration.ofSeconds(Math.max(0, seconds));
  }
}
