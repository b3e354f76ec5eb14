package com.agenthub.migrate.importing;

import com.agenthub.migrate.api.PublicApi;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.Rejection;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Runs an import plan: batches not in the checkpoint, {@code concurrency} at a time (tables first;
 * agents in a lane of their own, see {@link #run(ImportPlan, Checkpoint, BatchRunner, ImportSummary, ProgressBar)}),
 * each recorded in the checkpoint the moment it is finished. A failed batch is left out of the
 * checkpoint and the others go on; the next run does what is left.
 */
public final class Importer {

  /** Dictionaries whose every create claims the organization's one plan-usage document. */
  static final java.util.Set<Dictionary> CLAIMS_PLAN_USAGE = java.util.EnumSet.of(Dictionary.AGENTS);

  private final PublicApi api;
  private final int concurrency;
  private final boolean progress;
  private final PrintStream err;

  public Importer(PublicApi api, int concurrency, boolean progress, PrintStream err) {
    this.api = api;
    this.concurrency = concurrency;
    this.progress = progress;
    this.err = err;
  }

  public ImportSummary run(ValidatedSnapshot snapshot, ImportPlan plan, Checkpoint checkpoint, Timeline timeline) {
    ImportSummary summary = new ImportSummary(snapshot, plan, timeline);
    java.util.Set<String> planned = plan.all().stream().map(Batch::id).collect(java.util.stream.Collectors.toSet());
    checkpoint.done().forEach((id, outcome) -> {
      if (planned.contains(id)) { // a batch of another cut (see ImportPlan) is done again, not counted twice
        summary.doneEarlier(id, outcome);
      }
    });
    long skippedRecords = plan.all().stream().filter(b -> checkpoint.done().containsKey(b.id())).mapToLong(b -> b.records().size()).sum();
    BatchRunner runner = new BatchRunner(api, snapshot);
    long requestsBefore = api.requests();
    long retriesBefore = api.retries();
    long started = System.nanoTime();
    try (ProgressBar bar = progress ? bar(plan, skippedRecords) : null) {
      run(plan, checkpoint, runner, summary, bar);
    }
    summary.finish(Duration.ofNanos(System.nanoTime() - started), api.requests() - requestsBefore, api.retries() - retriesBefore);
    return summary;
  }

  private ProgressBar bar(ImportPlan plan, long skippedRecords) {
    long total = plan.all().stream().mapToLong(b -> b.records().size()).sum();
    return new ProgressBarBuilder().setTaskName("import").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
        .setUnit(" rec", 1).showSpeed().setUpdateIntervalMillis(500).startsFrom(skippedRecords, Duration.ZERO)
        .setConsumer(new ConsoleProgressBarConsumer(err)).build();
  }

  /**
   * Runs the plan's batches not yet done: the tables first, then the rest (rows need their tables;
   * letting the other lanes start with the tables measured no faster: the tables took longer, and
   * rows, the longest lane, started later). Creates that claim the organization's plan usage
   * (agents: every CreateAgents commit updates one usage document under a precondition) serialize
   * on that document anyway; run concurrently they only make each other retry. So they get a lane
   * of their own, one batch at a time, beside the others ({@code concurrency - 1} at a time), from
   * the start: agents need no table.
   */
  private void run(ImportPlan plan, Checkpoint checkpoint, BatchRunner runner, ImportSummary summary, ProgressBar bar) {
    List<Batch> claiming = todo(plan.all(), checkpoint).stream().filter(b -> CLAIMS_PLAN_USAGE.contains(b.dictionary())).toList();
    ExecutorService claimingPool = Executors.newFixedThreadPool(1);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, claiming.isEmpty() ? concurrency : concurrency - 1));
    try {
      List<Future<?>> claimed = new ArrayList<>();
      for (Batch batch : claiming) {
        claimed.add(claimingPool.submit(() -> runOne(batch, checkpoint, runner, summary, bar)));
      }
      for (List<Batch> phase : List.of(plan.tables(), plan.rest())) {
        List<Future<?>> futures = new ArrayList<>();
        for (Batch batch : todo(phase, checkpoint)) {
          if (!CLAIMS_PLAN_USAGE.contains(batch.dictionary())) {
            futures.add(pool.submit(() -> runOne(batch, checkpoint, runner, summary, bar)));
          }
        }
        awaitAll(futures);
      }
      awaitAll(claimed);
    } finally {
      pool.shutdownNow();
      claimingPool.shutdownNow();
    }
  }

  private static List<Batch> todo(List<Batch> batches, Checkpoint checkpoint) {
    return batches.stream().filter(b -> !checkpoint.done().containsKey(b.id())).toList();
  }

  private static void awaitAll(List<Future<?>> futures) {
    try {
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void runOne(Batch batch, Checkpoint checkpoint, BatchRunner runner, ImportSummary summary, ProgressBar bar) {
    long started = System.nanoTime();
    try {
      BatchOutcome outcome = runner.run(batch);
      summary.timeline().batch(batch.dictionary(), started, System.nanoTime());
      checkpoint.finished(batch.id(), outcome);
      summary.doneNow(batch, outcome);
    } catch (IOException e) {
      summary.failed(batch, "the checkpoint could not be written: " + e.getMessage());
    } catch (RuntimeException e) {
      summary.failed(batch, e.getMessage());
    }
    if (bar != null) {
      bar.stepBy(batch.records().size());
    }
  }

  /** Every valid record with the id it gets in the product: the recorded mapping (id-map.ndjson). */
  public static List<String[]> idMap(ValidatedSnapshot snapshot) {
    List<String[]> rows = new ArrayList<>();
    for (Dictionary d : Dictionary.values()) {
      for (LegacyRecord r : snapshot.valid(d)) {
        rows.add(new String[] {d.legacyName(), r.legacyId(), snapshot.mappedId(r)});
      }
    }
    return Collections.unmodifiableList(rows);
  }

  /** Validation's rejections and those of every finished batch (this run's and earlier runs'). */
  public static List<Rejection> allRejections(ValidatedSnapshot snapshot, ImportSummary summary) {
    List<Rejection> all = new ArrayList<>(snapshot.rejections());
    all.addAll(summary.apiRejections());
    all.addAll(summary.conflicts());
    return all;
  }
}
