package com.agenthub.shared.conversations;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.warehouse.ConversationSettingsChangeRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's conversation settings: how many days messages are kept. Messages appended
 * while a retention is set carry an {@code expires_at} that Firestore's TTL policy acts on
 * (typically within a day of it); messages appended without one are kept. BigQuery keeps its own
 * copy under the dataset's policy.
 */
public final class ConversationSettings {

  public static final long MIN_RETENTION_DAYS = 1;
  public static final long MAX_RETENTION_DAYS = 3650;

  private final DocumentStore store;
  private final Clock clock;

  public ConversationSettings(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The organization's message retention in days; empty: kept until deleted. */
  public Optional<Long> messageRetentionDays(String organizationId) {
    return store.get(ConversationPaths.settings(organizationId)).flatMap(ConversationSettings::days);
  }

  /** Sets (or, with empty, clears) the retention of messages appended from now on. */
  public Optional<Long> setMessageRetentionDays(String organizationId, Optional<Long> days) {
    days.ifPresent(value -> {
      if (value < MIN_RETENTION_DAYS || value > MAX_RETENTION_DAYS) {
        throw ApiError.invalid("message_retention_days",
            "'message_retention_days' must be within " + MIN_RETENTION_DAYS + ".." + MAX_RETENTION_DAYS + ", or null to keep messages");
      }
    });
    Instant now = Timestamps.now(clock);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("message_retention_days", days.orElse(null));
    data.put("updated_at", now);
    ConversationSettingsChangeRow row = new ConversationSettingsChangeRow(Ids.newId(), Change.UPDATED, now, organizationId, days);
    store.commit(List.of(Write.set(ConversationPaths.settings(organizationId), data), Outbox.record(Change.of(row), now)));
    return days;
  }

  /** The retention a settings document holds, as a duration. */
  static Optional<Duration> retention(Optional<StoredDocument> settings) {
    return settings.flatMap(ConversationSettings::days).map(Duration::ofDays);
  }

  private static Optional<Long> days(StoredDocument settings) {
    return settings.field("message_retention_days").map(value -> ((Number) value).longValue());
  }
}
