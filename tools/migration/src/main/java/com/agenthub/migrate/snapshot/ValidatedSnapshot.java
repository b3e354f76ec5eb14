package com.agenthub.migrate.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A snapshot checked as a whole before anything is written: every record either valid or
 * rejected with its reason — including what one record cannot show alone (a legacy id twice, two
 * legacy ids mapping to one id, counters of an agent the snapshot lacks, rows of a missing table).
 */
public final class ValidatedSnapshot {

  /** Before this, the product takes a timestamp for a missing value (0) rather than history. */
  static final Instant EARLIEST_EVENT = Instant.parse("1970-01-02T00:00:00Z");

  private final Snapshot snapshot;
  private final Map<Dictionary, List<LegacyRecord>> valid = new EnumMap<>(Dictionary.class);
  private final List<Rejection> rejections = new ArrayList<>();
  private final Map<String, JsonObject> tables = new HashMap<>();
  private Map<String, List<LegacyRecord>> transactionsByIntent;

  private ValidatedSnapshot(Snapshot snapshot) {
    this.snapshot = snapshot;
  }

  public static ValidatedSnapshot of(Snapshot snapshot, Instant now) {
    ValidatedSnapshot v = new ValidatedSnapshot(snapshot);
    v.rejections.addAll(snapshot.unreadable());
    for (Dictionary dictionary : Dictionary.values()) {
      v.valid.put(dictionary, v.checkAlone(snapshot.records(dictionary)));
    }
    v.valid.get(Dictionary.TABLES).forEach(t -> v.tables.put(t.legacyId(), t.data()));
    v.crossCheck(now);
    return v;
  }

  private List<LegacyRecord> checkAlone(List<LegacyRecord> records) {
    Map<String, List<LegacyRecord>> byKey = records.stream().collect(Collectors.groupingBy(LegacyRecord::key, LinkedHashMap::new, Collectors.toList()));
    Map<String, List<LegacyRecord>> byMapped = new HashMap<>();
    List<LegacyRecord> ok = new ArrayList<>();
    for (LegacyRecord record : records) {
      List<LegacyRecord> same = byKey.get(record.key());
      if (same.size() > 1) {
        reject(record, "id", "duplicate legacy id: it appears " + same.size() + " times in " + record.dictionary().fileName()
            + " (lines " + same.stream().map(r -> Integer.toString(r.line())).collect(Collectors.joining(", ")) + "); none of them is imported");
        continue;
      }
      Optional<String[]> problem = RecordRules.problem(record);
      if (problem.isPresent()) {
        reject(record, problem.get()[0], problem.get()[1]);
        continue;
      }
      byMapped.computeIfAbsent(mappedId(record), k -> new ArrayList<>()).add(record);
      ok.add(record);
    }
    // Ids kept verbatim and hashed ones could (astronomically rarely) meet: never merge two records.
    return ok.stream().filter(record -> {
      if (byMapped.get(mappedId(record)).size() > 1) {
        reject(record, "id", "two legacy ids map to the product id " + mappedId(record) + "; neither is imported");
        return false;
      }
      return true;
    }).collect(Collectors.toCollection(ArrayList::new));
  }

  private void crossCheck(Instant now) {
    var agentIds = valid.get(Dictionary.AGENTS).stream().map(LegacyRecord::legacyId).collect(Collectors.toSet());
    valid.get(Dictionary.COUNTERS).removeIf(c -> {
      if (!agentIds.contains(c.legacyId())) {
        reject(c, "id", "no valid agent with this legacy id in agents.ndjson: counters belong to an agent");
        return true;
      }
      return false;
    });
    valid.get(Dictionary.DATABASE).removeIf(row -> {
      String table = row.data().get("table").getAsString();
      JsonObject schema = tables.get(table);
      if (schema == null) {
        reject(row, "table", "no valid table '" + table + "' in tables.ndjson");
        return true;
      }
      JsonObject pk = RecordRules.primaryKeyColumn(schema).orElseThrow();
      String pkName = pk.get("name").getAsString();
      if (pk.get("type").getAsString().equals("integer")) {
        try {
          Long.parseLong(row.legacyId());
        } catch (NumberFormatException e) {
          reject(row, "id", "table '" + table + "' keys rows by an integer: the legacy id must be one");
          return true;
        }
      }
      JsonElement given = row.data().getAsJsonObject("row").get(pkName);
      if (given != null && !given.isJsonNull() && !given.getAsString().equals(rowKey(row))) {
        reject(row, "row." + pkName, "the row's " + pkName + " (" + given + ") is not its legacy id");
        return true;
      }
      return false;
    });
    documentsMeetingNoOther();
    PaymentHistories.check(valid.get(Dictionary.PAYMENT_INTENTS), valid.get(Dictionary.TRANSACTIONS), rejections);
    valid.get(Dictionary.ANALYTICS_DATA).removeIf(event -> {
      Instant at = Instant.parse(event.data().get("timestamp").getAsString());
      if (at.isBefore(EARLIEST_EVENT) || at.isAfter(now.plus(Duration.ofMinutes(50)))) {
        reject(event, "timestamp", "an event's timestamp must lie after " + EARLIEST_EVENT + " and not in the future");
        return true;
      }
      return false;
    });
  }

  /** Both document dictionaries become one collection: a legacy id in both would name one document, so neither is imported. */
  private void documentsMeetingNoOther() {
    var knowledge = valid.get(Dictionary.KNOWLEDGE_BASE).stream().map(this::mappedId).collect(Collectors.toSet());
    var documents = valid.get(Dictionary.DOCUMENTS_STORE).stream().map(this::mappedId).collect(Collectors.toSet());
    for (Dictionary d : List.of(Dictionary.KNOWLEDGE_BASE, Dictionary.DOCUMENTS_STORE)) {
      var other = d == Dictionary.KNOWLEDGE_BASE ? documents : knowledge;
      valid.get(d).removeIf(r -> {
        if (other.contains(mappedId(r))) {
          reject(r, "id", "knowledge_base and documents_store both have a record that becomes the document " + mappedId(r)
              + "; neither is imported");
          return true;
        }
        return false;
      });
    }
  }

  /**
   * Leaves out records an import rejected or found in conflict ({@code FILE:LINE} of its reject
   * file): verify --accept-rejects then expects only what was imported.
   */
  public void accept(java.util.Set<String> rejectedFileLines) {
    valid.values().forEach(list -> list.removeIf(r -> rejectedFileLines.contains(r.dictionary().fileName() + ":" + r.line())));
    transactionsByIntent = null;
  }

  /** The id the record gets in the product. */
  public String mappedId(LegacyRecord record) {
    return switch (record.dictionary()) {
      case DATABASE -> record.data().get("table").getAsString() + "/" + rowKey(record);
      case ANALYTICS_DATA -> LegacyIds.eventId(record.legacyId());
      case TABLES -> record.legacyId();
      case COUNTERS -> LegacyIds.clientId(Dictionary.AGENTS, record.legacyId());
      case PAYMENT_INTENTS -> LegacyIds.paymentIntentId(record.legacyId());
      case TRANSACTIONS -> LegacyIds.transactionId(record.legacyId());
      default -> LegacyIds.clientId(record.dictionary(), record.legacyId());
    };
  }

  /** The valid transactions of a valid payment intent (by its legacy id), in snapshot order: imported with it. */
  public synchronized List<LegacyRecord> transactionsOf(String intentLegacyId) {
    if (transactionsByIntent == null) {
      transactionsByIntent = valid.get(Dictionary.TRANSACTIONS).stream()
          .collect(Collectors.groupingBy(t -> t.data().get("payment_intent_id").getAsString()));
    }
    return transactionsByIntent.getOrDefault(intentLegacyId, List.of());
  }

  /** The primary key value a row of {@code database} is stored under. */
  public static String rowKey(LegacyRecord row) {
    return LegacyIds.rowKey(row.data().get("table").getAsString(), row.legacyId());
  }

  private void reject(LegacyRecord record, String field, String reason) {
    rejections.add(Rejection.of(record, field, reason));
  }

  public Snapshot snapshot() {
    return snapshot;
  }

  public List<LegacyRecord> valid(Dictionary dictionary) {
    return valid.get(dictionary);
  }

  public List<Rejection> rejections() {
    return rejections;
  }

  /** The table record (schema) of a valid table. */
  public JsonObject table(String name) {
    return tables.get(name);
  }

  public int validCount() {
    return valid.values().stream().mapToInt(List::size).sum();
  }
}
