package com.agenthub.migrate;

import com.agenthub.migrate.compare.Comparison;
import com.agenthub.migrate.compare.IgnoreRules;
import com.agenthub.migrate.compare.StoreComparison;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "shadow", mixinStandardHelpOptions = true,
    description = "During dual writing: compare a FRESH snapshot of the running legacy service with the store and report, per dictionary, matched / mismatched / ignored and the mismatch rate (GitHub Scientist's idea). Fields that legitimately differ are named with --ignore (repeatable): DICTIONARY.FIELD.PATH, '*' one segment, '**' the rest, e.g. --ignore 'agents.configuration.last_seen' --ignore '*.updated_at'.%n%nExit codes: 0 every dictionary's mismatch rate is at most --max-mismatch-rate; 4 otherwise; 2 usage error, or a read the API refuses the key (401/403: a read scope missing); 1 the API failed or could not be reached.")
final class ShadowCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SNAPSHOT_DIR", description = "A fresh snapshot, taken while the legacy service runs and dual-writes")
  Path snapshotDir;

  @Mixin
  ApiOptions api;

  @Mixin
  SettleOption settle;

  @Option(names = "--ignore", description = "A field that may differ (repeatable)")
  List<String> ignore = new ArrayList<>();

  @Option(names = "--max-mismatch-rate", defaultValue = "0", description = "Highest acceptable mismatch rate per dictionary, 0..1 (default: ${DEFAULT-VALUE})")
  double maxRate;

  @Option(names = "--report", description = "Where the JSON report goes (default: WORK_DIR/shadow.json)")
  Path report;

  @Option(names = "--work-dir", description = "Where this report goes unless --report says (default: SNAPSHOT_DIR/.migrate)")
  Path workDir;

  @Override
  public Integer call() throws IOException {
    ValidatedSnapshot snapshot = SnapshotLoading.load(spec, snapshotDir);
    List<Comparison> comparisons = StoreComparison.run(snapshot, api.api(), api.concurrency, new IgnoreRules(ignore), settle.duration());
    boolean ok = true;
    for (Comparison c : comparisons) {
      System.out.printf("%-17s mismatch rate %.4f%n", c.dictionary().legacyName(), c.mismatchRate());
      System.out.println(c.describe());
      ok &= c.mismatchRate() <= maxRate;
    }
    JsonObject json = StoreComparison.report(snapshot, comparisons);
    json.addProperty("max_mismatch_rate", maxRate);
    json.addProperty("within_limit", ok);
    Path out = report != null ? report : WorkDirs.of(workDir, snapshotDir).resolve("shadow.json");
    JsonReports.write(out, json);
    System.out.println((ok ? "shadow: within " : "shadow: ABOVE ") + maxRate + " (report: " + out + ")");
    return ok ? 0 : 4;
  }
}
