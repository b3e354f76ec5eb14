package com.agenthub.migrate.compare;

import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * analytics_data compared the only way the API shows events: counted per UTC day and event type
 * (GetMetrics' {@code events}, distinct ids). A bucket is keyed {@code yyyy-mm-dd event.type}; its
 * projection is {@code {"events": n}}. GetMetrics answers at most 90 days a call, so the store is
 * read in windows that start at a snapshot day and end by its last.
 */
final class EventCounts {

  static final int WINDOW_DAYS = 90;

  private EventCounts() {}

  /** The snapshot's buckets: each valid event counted once, on its timestamp's UTC day. */
  static Map<String, Comparison.Expected> expected(ValidatedSnapshot snapshot) {
    Map<String, Long> counts = new TreeMap<>();
    for (LegacyRecord event : snapshot.valid(Dictionary.ANALYTICS_DATA)) {
      counts.merge(bucket(day(event).toString(), event.data().get("event_type").getAsString()), 1L, Long::sum);
    }
    Map<String, Comparison.Expected> expected = new TreeMap<>();
    counts.forEach((bucket, n) -> expected.put(bucket, new Comparison.Expected(bucket, events(n))));
    return expected;
  }

  /**
   * Windows of at most {@link #WINDOW_DAYS} days (first and last day) covering every day the
   * snapshot has events on, none past its last: events tracked after the snapshot (a dual write's)
   * are not the snapshot's to account for.
   */
  static List<LocalDate[]> windows(ValidatedSnapshot snapshot) {
    SortedSet<LocalDate> days = new TreeSet<>();
    snapshot.valid(Dictionary.ANALYTICS_DATA).forEach(event -> days.add(day(event)));
    List<LocalDate[]> windows = new ArrayList<>();
    LocalDate snapshotEnds = days.isEmpty() ? null : days.last();
    while (!days.isEmpty()) {
      LocalDate first = days.first();
      LocalDate last = min(first.plusDays(WINDOW_DAYS - 1), snapshotEnds);
      windows.add(new LocalDate[] {first, last});
      days.headSet(last.plusDays(1)).clear();
    }
    return windows;
  }

  /** Adds the buckets of one GetMetrics answer to {@code store}. */
  static void addAnswer(JsonObject metrics, Map<String, JsonObject> store) {
    metrics.getAsJsonArray("days").forEach(d -> {
      JsonObject day = d.getAsJsonObject();
      store.put(bucket(day.get("date").getAsString(), day.get("event_type").getAsString()), events(day.get("events").getAsLong()));
    });
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate day(LegacyRecord event) {
    return LocalDate.ofInstant(Instant.parse(event.data().get("timestamp").getAsString()), ZoneOffset.UTC);
  }

  private static String bucket(String day, String eventType) {
    return day + " " + eventType;
  }

  private static JsonObject events(long n) {
    JsonObject projection = new JsonObject();
    projection.addProperty("events", n);
    return projection;
  }
}
