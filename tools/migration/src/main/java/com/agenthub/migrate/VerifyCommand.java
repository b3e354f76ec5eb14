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
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Read every record of SNAPSHOT_DIR back through the public API and compare: counts per dictionary and a SHA-256 checksum per record over its canonical form (README, Migration); analytics_data as GetMetrics counts it, per day and event type (see --settle). Reports missing, extra and differing records (a sample with field-level diffs) and writes the full report as JSON.%n%nExit codes: 0 everything matches (and the snapshot had no invalid records, unless --accept-rejects); 4 mismatches; 2 usage or snapshot error, or a read the API refuses the key (401/403: a read scope missing); 1 the API failed or could not be reached.")
final class VerifyCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SNAPSHOT_DIR")
  Path snapshotDir;

  @Mixin
  ApiOptions api;

  @Mixin
  SettleOption settle;

  @Option(names = "--report", description = "Where the JSON report goes (default: WORK_DIR/verify.json)")
  Path report;

  @Option(names = "--accept-rejects", description = "Records import rejected (WORK_DIR/rejects.ndjson) are not expected and do not fail verify")
  boolean acceptRejects;

  @Option(names = "--work-dir", description = "The import's work directory: its rejects (--accept-rejects) and this report (default: SNAPSHOT_DIR/.migrate)")
  Path workDir;

  private Path work() {
    return WorkDirs.of(workDir, snapshotDir);
  }

  private static java.util.Set<String> rejectedByImport(Path work) throws IOException {
    Path rejects = work.resolve("rejects.ndjson");
    java.util.Set<String> fileLines = new java.util.HashSet<>();
    if (Files.exists(rejects)) {
      for (String line : Files.readAllLines(rejects, StandardCharsets.UTF_8)) {
        JsonObject r = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
        fileLines.add(r.get("file").getAsString() + ":" + r.get("line").getAsInt());
      }
    }
    return fileLines;
  }

  @Override
  public Integer call() throws IOException {
    ValidatedSnapshot snapshot = SnapshotLoading.load(spec, snapshotDir);
    if (acceptRejects) {
      snapshot.accept(rejectedByImport(work()));
    }
    List<Comparison> comparisons = StoreComparison.run(snapshot, api.api(), api.concurrency, new IgnoreRules(List.of()), settle.duration());
    comparisons.forEach(c -> System.out.println(c.describe()));
    JsonObject json = StoreComparison.report(snapshot, comparisons);
    boolean match = comparisons.stream().allMatch(Comparison::allMatch);
    boolean clean = acceptRejects || snapshot.rejections().isEmpty();
    json.addProperty("all_match", match && clean);
    Path out = report != null ? report : work().resolve("verify.json");
    JsonReports.write(out, json);
    if (!clean) {
      System.out.println(snapshot.rejections().size() + " invalid snapshot records were not imported (see import's rejects.ndjson; --accept-rejects to accept)");
    }
    System.out.println((match && clean ? "verify: everything matches" : "verify: MISMATCH") + " (report: " + out + ")");
    return match && clean ? 0 : 4;
  }
}
