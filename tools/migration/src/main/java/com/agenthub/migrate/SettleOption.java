package com.agenthub.migrate;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long verify and shadow give GetMetrics to catch up with an import before event counts that differ count as mismatches. */
final class SettleOption {

  @Option(names = "--settle", defaultValue = "90", paramLabel = "SECONDS",
      description = "While analytics_data's counts per day and type differ, ask GetMetrics again for up to this long: it lags an import by the event pipeline (seconds) and its cache (60 s by default) (default: ${DEFAULT-VALUE})")
  int seconds;

  Duration duration() {
    return Duration.ofSeconds(Math.max(0, seconds));
  }
}
