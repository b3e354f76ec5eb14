package com.agenthub.migrate;

import com.agenthub.migrate.importing.Checkpoint;
import com.agenthub.migrate.importing.ImportPlan;
import com.agenthub.migrate.importing.ImportSummary;
import com.agenthub.migrate.importing.Importer;
import com.agenthub.migrate.importing.Timeline;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.Rejection;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Validate every record of SNAPSHOT_DIR, then import the valid ones through the public API.%n%nResumable: finished batches are recorded in WORK_DIR/checkpoint.ndjson and skipped by the next run of the same command; idempotent: legacy ids are kept, so a full re-run adds nothing. Invalid records go to WORK_DIR/rejects.ndjson with their file, line, legacy id, field and reason.%n%nBefore anything is written, the key is checked against every function the import may call, and the organization's plan against the snapshot's agents (--dry-run too, when a key is given).%n%nExit codes: 0 all imported; 3 imported, but some records rejected or in conflict; 1 some batches failed, or the API could not be reached (run again to continue); 2 usage or snapshot error, or a key without a scope the import needs, or a plan with fewer agents than the snapshot (nothing written).")
final class ImportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SNAPSHOT_DIR", description = "A snapshot directory: manifest.json and DICTIONARY.ndjson files")
  Path snapshotDir;

  @Mixin
  ApiOptions api;

  @Option(names = "--work-dir", description = "Checkpoint, rejects, id map and summary (default: SNAPSHOT_DIR/.migrate)")
  Path workDir;

  @Option(names = "--dry-run", description = "Validate and print what would be written and every invalid record; write nothing")
  boolean dryRun;

  @Option(names = "--batch-size", defaultValue = "100", description = "Agents, FAQs, payment intents or tables per checkpointed batch, at most 100 per call (rows: 500, events: 500, texts: 100; documents: 10, or fewer) (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(names = "--restart", description = "Ignore the checkpoint and start from the first batch (still idempotent)")
  boolean restart;

  @Option(names = "--no-progress", description = "No progress bar (it goes to stderr)")
  boolean noProgress;

  @Override
  public Integer call() throws IOException {
    Timeline timeline = new Timeline(System.nanoTime());
    ValidatedSnapshot snapshot = SnapshotLoading.load(spec, snapshotDir);
    timeline.step("snapshot_validated");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    ImportPlan plan = ImportPlan.of(snapshot, Math.max(1, batchSize));
    timeline.step("planned");
    Path work = WorkDirs.of(workDir, snapshotDir);
    if (dryRun) {
      return dryRun(snapshot, plan, out);
    }
    // Its passes are not printed: the import's stdout is its summary (JSON).
    Optional<Integer> refused = Preflight.run(api.api(), plan, snapshot, new PrintStream(OutputStream.nullOutputStream()));
    if (refused.isPresent()) {
      return refused.get();
    }
    timeline.step("key_and_plan_checked");
    Files.createDirectories(work);
    // The id map is the snapshot's alone: written beside the first calls, not before them.
    CompletableFuture<Void> idMap = CompletableFuture.runAsync(() -> {
      try {
        writeIdMap(work.resolve("id-map.ndjson"), snapshot);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    ImportSummary summary;
    try (Checkpoint checkpoint = Checkpoint.open(work.resolve("checkpoint.ndjson"), snapshot.snapshot().fingerprint(), restart)) {
      timeline.step("checkpoint_opened");
      summary = new Importer(api.api(), api.concurrency, !noProgress, System.err).run(snapshot, plan, checkpoint, timeline);
    } catch (IllegalStateException e) {
      System.err.println("import: " + e.getMessage());
      return 2;
    } finally {
      awaitIdMap(idMap);
    }
    List<Rejection> rejections = Importer.allRejections(snapshot, summary);
    writeLines(work.resolve("rejects.ndjson"), rejections.stream().map(r -> r.toJson().toString()).toList());
    JsonObject json = summary.toJson();
    json.addProperty("reject_file", work.resolve("rejects.ndjson").toString());
    json.addProperty("rejected_total", rejections.size());
    JsonReports.write(work.resolve("summary.json"), json);
    out.println(JsonReports.pretty(json));
    summary.failures().forEach(f -> System.err.println("failed: " + f));
    if (!rejections.isEmpty()) {
      System.err.println(rejections.size() + " records not imported: see " + work.resolve("rejects.ndjson"));
    }
    return summary.exitCode();
  }

  private int dryRun(ValidatedSnapshot snapshot, ImportPlan plan, PrintStream out) {
    out.println("dry run: nothing is written");
    for (Dictionary d : Dictionary.values()) {
      int records = snapshot.snapshot().records(d).size();
      if (records > 0) {
        out.printf("  %-17s %7d records, %7d valid%n", d.legacyName(), records, snapshot.valid(d).size());
      }
    }
    out.println("would call (at least):");
    plan.calls().forEach((function, n) -> out.printf("  %-20s x %d%n", function, n));
    Optional<Integer> refused = Optional.empty();
    if (api.key == null || api.key.isBlank()) {
      out.println("key and plan: not checked (no --key or AGENTHUB_API_KEY)");
    } else {
      refused = Preflight.run(api.api(), plan, snapshot, out);
    }
    out.println("invalid records: " + snapshot.rejections().size());
    snapshot.rejections().forEach(r -> out.println("  " + r));
    return refused.orElse(snapshot.rejections().isEmpty() ? 0 : 3);
  }

  private static void awaitIdMap(CompletableFuture<Void> idMap) throws IOException {
    try {
      idMap.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw e;
    }
  }

  private static void writeIdMap(Path file, ValidatedSnapshot snapshot) throws IOException {
    writeLines(file, Importer.idMap(snapshot).stream().map(row -> {
      JsonObject o = new JsonObject();
      o.addProperty("dictionary", row[0]);
      o.addProperty("legacy_id", row[1]);
      o.addProperty("product_id", row[2]);
      return o.toString();
    }).toList());
  }

  private static void writeLines(Path file, List<String> lines) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, lines, StandardCharsets.UTF_8);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
