package com.agenthub.migrate.importing;

import com.agenthub.migrate.snapshot.Dictionary;
import com.google.gson.JsonObject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When an import's steps happened, in seconds since the command started: the set-up steps before
 * the first call (reading and validating the snapshot, the id map, the checkpoint), and per
 * dictionary when its first batch started, when its last one ended and how long its batches took
 * together. The lane that ends last is the import's critical path; summary.json shows it.
 */
public final class Timeline {

  private static final class Lane {
    long firstStart = Long.MAX_VALUE;
    long lastEnd;
    long busy;
    int batches;
  }

  private final long origin;
  private final Map<String, Long> steps = new LinkedHashMap<>();
  private final Map<Dictionary, Lane> lanes = new EnumMap<>(Dictionary.class);

  /** A timeline whose zero is {@code originNanos} (a {@link System#nanoTime()}). */
  public Timeline(long originNanos) {
    this.origin = originNanos;
  }

  /** A set-up step ended now. */
  public synchronized void step(String name) {
    steps.put(name, System.nanoTime() - origin);
  }

  synchronized void batch(Dictionary dictionary, long startNanos, long endNanos) {
    Lane lane = lanes.computeIfAbsent(dictionary, d -> new Lane());
    lane.firstStart = Math.min(lane.firstStart, startNanos - origin);
    lane.lastEnd = Math.max(lane.lastEnd, endNanos - origin);
    lane.busy += endNanos - startNanos;
    lane.batches++;
  }

  synchronized JsonObject toJson() {
    JsonObject json = new JsonObject();
    JsonObject setUp = new JsonObject();
    steps.forEach((name, at) -> setUp.addProperty(name, seconds(at)));
    json.add("set_up_done_at", setUp);
    JsonObject byDictionary = new JsonObject();
    lanes.forEach((d, lane) -> {
      JsonObject o = new JsonObject();
      o.addProperty("first_batch_started", seconds(lane.firstStart));
      o.addProperty("last_batch_ended", seconds(lane.lastEnd));
      o.addProperty("batch_seconds", seconds(lane.busy));
      o.addProperty("batches", lane.batches);
      byDictionary.add(d.legacyName(), o);
    });
    json.add("dictionaries", byDictionary);
    lanes.entrySet().stream().max(java.util.Comparator.comparingLong(e -> e.getValue().lastEnd))
        .ifPresent(e -> json.addProperty("ends_last", e.getKey().legacyName()));
    return json;
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e6) / 1000.0;
  }
}
