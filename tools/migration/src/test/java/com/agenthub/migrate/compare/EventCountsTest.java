package com.agenthub.migrate.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.migrate.snapshot.Snapshot;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the snapshot's events are counted and which GetMetrics windows read them back. */
class EventCountsTest {

  @TempDir
  Path dir;

  private ValidatedSnapshot snapshot(String... timestamps) throws Exception {
    Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"agenthub-legacy-snapshot\", \"version\": 1}");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < timestamps.length; i++) {
      lines.append("{\"id\": \"e").append(i).append("\", \"event_type\": \"").append(i % 2 == 0 ? "a.b" : "c.d")
          .append("\", \"timestamp\": \"").append(timestamps[i]).append("\"}\n");
    }
    Files.writeString(dir.resolve("analytics_data.ndjson"), lines);
    return ValidatedSnapshot.of(Snapshot.read(dir), Instant.parse("2026-11-28T00:00:00Z"));
  }

  @Test
  void eachEventCountsOnceInItsUtcDayAndType() throws Exception {
    ValidatedSnapshot s = snapshot("2025-01-01T23:59:59Z", "2025-01-01T10:00:00Z", "2025-01-02T00:00:00Z", "2025-01-01T00:00:00Z");
    Map<String, String> counts = EventCounts.expected(s).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().projection().toString()));
    assertEquals(Map.of("2025-01-01 a.b", "{\"events\":1}", "2025-01-01 c.d", "{\"events\":2}", "2025-01-02 a.b", "{\"events\":1}"), counts);
  }

  @Test
  void windowsOfNinetyDaysStartAtASnapshotDayAndEndByItsLast() throws Exception {
    ValidatedSnapshot s = snapshot("2024-01-01T00:00:00Z", "2024-03-30T12:00:00Z", "2024-03-31T00:00:00Z", "2025-06-01T00:00:00Z",
        "2025-06-20T08:00:00Z");
    List<String> windows = EventCounts.windows(s).stream().map(w -> w[0] + ".." + w[1]).toList();
    assertEquals(List.of("2024-01-01..2024-03-30", "2024-03-31..2024-06-28", "2025-06-01..2025-06-20"), windows,
        "none reads past the snapshot's last event day");
    assertEquals(LocalDate.parse("2024-03-30"), LocalDate.parse("2024-01-01").plusDays(EventCounts.WINDOW_DAYS - 1));
  }
}
