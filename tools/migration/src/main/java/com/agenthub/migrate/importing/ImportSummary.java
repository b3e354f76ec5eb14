package com.agenthub.migrate.importing;

import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.Rejection;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What an import run did, per dictionary and in all; printed, and written as summary.json. */
public final class ImportSummary {

  private static final class Counts {
    int created;
    int existing;
    int rejectedByApi;
    int conflicts;
  }

  private final ValidatedSnapshot snapshot;
  private final Timeline timeline;
  private final int batches;
  private final Map<Dictionary, Counts> counts = new EnumMap<>(Dictionary.class);
  private final List<Rejection> apiRejections = new ArrayList<>();
  private final List<Rejection> conflicts = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private int skippedBatches;
  private int doneBatches;
  private long recordsThisRun;
  private Duration elapsed = Duration.ZERO;
  private long requests;
  private long retries;

  ImportSummary(ValidatedSnapshot snapshot, ImportPlan plan, Timeline timeline) {
    this.snapshot = snapshot;
    this.timeline = timeline;
    this.batches = plan.batchCount();
    for (Dictionary d : Dictionary.values()) {
      counts.put(d, new Counts());
    }
  }

  synchronized void doneEarlier(String batchId, BatchOutcome outcome) {
    skippedBatches++;
    Dictionary.byName(batchId.substring(0, batchId.indexOf(':'))).ifPresent(d -> add(d, outcome));
  }

  synchronized void doneNow(Batch batch, BatchOutcome outcome) {
    doneBatches++;
    recordsThisRun += batch.records().size();
    add(batch.dictionary(), outcome);
  }

  private void add(Dictionary dictionary, BatchOutcome outcome) {
    Counts c = counts.get(dictionary);
    c.created += outcome.created();
    c.existing += outcome.existing();
    // Rejections and conflicts count where their record is (a refused intent's transactions under transactions).
    outcome.rejected().forEach(r -> counts.get(dictionaryOf(r, dictionary)).rejectedByApi++);
    outcome.conflicts().forEach(r -> counts.get(dictionaryOf(r, dictionary)).conflicts++);
    Dictionary companion = dictionary == Dictionary.PAYMENT_INTENTS ? Dictionary.TRANSACTIONS : Dictionary.COUNTERS;
    counts.get(companion).created += outcome.companionsCreated();
    counts.get(companion).existing += outcome.companionsExisting();
    apiRejections.addAll(outcome.rejected());
    conflicts.addAll(outcome.conflicts());
  }

  private static Dictionary dictionaryOf(Rejection rejection, Dictionary fallback) {
    return Dictionary.byName(rejection.file().replace(".ndjson", "")).orElse(fallback);
  }

  synchronized void failed(Batch batch, String why) {
    failures.add(batch.id() + ": " + why);
  }

  void finish(Duration elapsed, long requests, long retries) {
    this.elapsed = elapsed;
    this.requests = requests;
    this.retries = retries;
  }

  Timeline timeline() {
    return timeline;
  }

  public List<Rejection> apiRejections() {
    return apiRejections;
  }

  public List<Rejection> conflicts() {
    return conflicts;
  }

  public List<String> failures() {
    return failures;
  }

  public int skippedBatches() {
    return skippedBatches;
  }

  public int doneBatches() {
    return doneBatches;
  }

  public double recordsPerSecond() {
    return elapsed.isZero() ? 0 : recordsThisRun / (elapsed.toNanos() / 1e9);
  }

  /** 0 everything imported; 3 done, but some records were rejected or conflict (see the reject file); 1 batches failed. */
  public int exitCode() {
    if (!failures.isEmpty()) {
      return 1;
    }
    return snapshot.rejections().isEmpty() && apiRejections.isEmpty() && conflicts.isEmpty() ? 0 : 3;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("snapshot", snapshot.snapshot().directory().toString());
    json.addProperty("snapshot_fingerprint", snapshot.snapshot().fingerprint());
    JsonObject dictionaries = new JsonObject();
    for (Dictionary d : Dictionary.values()) {
      int records = snapshot.snapshot().records(d).size();
      long invalid = snapshot.rejections().stream().filter(r -> r.file().equals(d.fileName())).count();
      if (records == 0 && invalid == 0) {
        continue;
      }
      Counts c = counts.get(d);
      JsonObject o = new JsonObject();
      o.addProperty("records", records);
      o.addProperty("valid", snapshot.valid(d).size());
      o.addProperty("invalid", invalid);
      o.addProperty("created", c.created);
      o.addProperty("existing", c.existing);
      o.addProperty("rejected_by_api", c.rejectedByApi);
      o.addProperty("conflicts", c.conflicts);
      dictionaries.add(d.legacyName(), o);
    }
    json.add("dictionaries", dictionaries);
    JsonObject b = new JsonObject();
    b.addProperty("total", batches);
    b.addProperty("skipped_done_earlier", skippedBatches);
    b.addProperty("done_this_run", doneBatches);
    b.addProperty("failed", failures.size());
    json.add("batches", b);
    json.addProperty("records_this_run", recordsThisRun);
    json.addProperty("elapsed_seconds", elapsed.toMillis() / 1000.0);
    json.addProperty("records_per_second", Math.round(recordsPerSecond() * 10) / 10.0);
    json.addProperty("requests", requests);
    json.addProperty("retries", retries);
    json.add("timeline", timeline.toJson());
    JsonArray f = new JsonArray();
    failures.forEach(f::add);
    json.add("failures", f);
    json.addProperty("exit_code", exitCode());
    return json;
  }
}
