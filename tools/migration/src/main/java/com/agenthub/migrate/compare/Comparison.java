package com.agenthub.migrate.compare;

import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dictionary compared record by record: the snapshot's valid records (by product id) against
 * what the store holds. Matched records have equal checksums of their canonical projection;
 * records that differ only in ignored fields count as ignored (shadow); the rest are missing,
 * extra or differing, each differing one with its field-level diffs.
 */
public final class Comparison {

  /** How many differing records a report shows in full. */
  static final int SAMPLE = 20;

  public record Differing(String legacyId, String productId, String snapshotChecksum, String storeChecksum, List<FieldDiff> fields) {
    JsonObject toJson() {
      JsonObject json = new JsonObject();
      json.addProperty("legacy_id", legacyId);
      json.addProperty("product_id", productId);
      json.addProperty("snapshot_checksum", snapshotChecksum);
      json.addProperty("store_checksum", storeChecksum);
      JsonArray diffs = new JsonArray();
      fields.forEach(f -> diffs.add(f.toJson()));
      json.add("fields", diffs);
      return json;
    }
  }

  private final Dictionary dictionary;
  private int expected;
  private int found;
  private int matched;
  private int ignored;
  private final List<String> missing = new ArrayList<>();
  private final List<String> extra = new ArrayList<>();
  private final List<Differing> differing = new ArrayList<>();

  private Comparison(Dictionary dictionary) {
    this.dictionary = dictionary;
  }

  /** What the snapshot expects under one product id: the legacy id a report names it by, and its projection. */
  public record Expected(String legacyId, JsonObject projection) {}

  public static Comparison of(Dictionary dictionary, ValidatedSnapshot snapshot, Map<String, JsonObject> store,
      boolean storeIsComplete, IgnoreRules ignore) {
    Map<String, Expected> expected = new LinkedHashMap<>();
    snapshot.valid(dictionary).forEach(r -> expected.put(snapshot.mappedId(r), new Expected(r.legacyId(),
        dictionary == Dictionary.DATABASE ? Projections.fromSnapshotRow(r, snapshot) : Projections.fromSnapshot(r))));
    return of(dictionary, expected, store, storeIsComplete, ignore);
  }

  /** {@code expected} by product id against {@code store}; extras count only when the store side is the whole of it. */
  public static Comparison of(Dictionary dictionary, Map<String, Expected> expected, Map<String, JsonObject> store,
      boolean storeIsComplete, IgnoreRules ignore) {
    Comparison c = new Comparison(dictionary);
    c.expected = expected.size();
    c.found = store.size();
    expected.forEach((id, want) -> {
      JsonObject stored = store.get(id);
      if (stored == null) {
        c.missing.add(want.legacyId());
        return;
      }
      String a = Canonical.checksum(want.projection());
      String b = Canonical.checksum(stored);
      if (a.equals(b)) {
        c.matched++;
        return;
      }
      List<FieldDiff> diffs = FieldDiff.between(want.projection(), stored);
      List<FieldDiff> real = diffs.stream().filter(d -> !ignore.ignores(dictionary.legacyName(), d.field())).toList();
      if (real.isEmpty()) {
        c.ignored++;
      } else {
        c.differing.add(new Differing(want.legacyId(), id, a, b, real));
      }
    });
    if (storeIsComplete) {
      store.keySet().stream().filter(id -> !expected.containsKey(id)).forEach(c.extra::add);
    }
    return c;
  }

  public Dictionary dictionary() {
    return dictionary;
  }

  public boolean allMatch() {
    return missing.isEmpty() && extra.isEmpty() && differing.isEmpty();
  }

  public int mismatched() {
    return missing.size() + extra.size() + differing.size();
  }

  /** Mismatched over everything compared (expected plus extras); 0 when there was nothing. */
  public double mismatchRate() {
    int total = expected + extra.size();
    return total == 0 ? 0 : (double) mismatched() / total;
  }

  public List<String> missing() {
    return missing;
  }

  public List<String> extra() {
    return extra;
  }

  public List<Differing> differing() {
    return differing;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("dictionary", dictionary.legacyName());
    json.addProperty("snapshot_records", expected);
    json.addProperty("store_records", found);
    json.addProperty("matched", matched);
    json.addProperty("ignored", ignored);
    json.addProperty("mismatched", mismatched());
    json.addProperty("mismatch_rate", mismatchRate());
    json.add("missing", strings(missing));
    json.add("extra", strings(extra));
    json.addProperty("differing_count", differing.size());
    JsonArray sample = new JsonArray();
    differing.stream().limit(SAMPLE).forEach(d -> sample.add(d.toJson()));
    json.add("differing", sample);
    return json;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  /** One line for people: counts, then the first differing records with their fields. */
  public String describe() {
    StringBuilder out = new StringBuilder(String.format("%-17s snapshot %6d  store %6d  matched %6d  ignored %4d  missing %4d  extra %4d  differing %4d",
        dictionary.legacyName(), expected, found, matched, ignored, missing.size(), extra.size(), differing.size()));
    missing.stream().limit(5).forEach(id -> out.append("\n    missing  ").append(id));
    extra.stream().limit(5).forEach(id -> out.append("\n    extra    ").append(id));
    differing.stream().limit(5).forEach(d -> d.fields().forEach(f -> out.append("\n    differs  ").append(d.legacyId())
        .append("  ").append(f.field()).append(": snapshot ").append(f.snapshot()).append(", store ").append(f.store())));
    return out.toString();
  }
}
