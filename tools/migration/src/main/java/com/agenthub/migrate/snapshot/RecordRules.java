package com.agenthub.migrate.snapshot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The field rules of each dictionary's records (the JSON Schemas under tools/migrate/schemas say
 * the same for people): wrong types and impossible values are found before anything is written,
 * each naming its field. The API checks again on import; what it refuses is rejected the same way.
 */
final class RecordRules {

  private static final Pattern COUNTER = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");
  private static final Set<String> AGENT_STATUSES = Set.of("active", "inactive", "paused");
  private static final Set<String> COLUMN_TYPES = Set.of("string", "integer", "number", "boolean", "timestamp", "json", "string_array");
  private static final Set<String> INTENT_STATUSES = Set.of("requires_payment_method", "requires_confirmation",
      "requires_action", "processing", "requires_capture", "canceled", "succeeded");
  private static final Set<String> TRANSACTION_KINDS = Set.of("authorization", "payment", "capture", "release", "refund",
      "refund_reversal");
  private static final Pattern CURRENCY = Pattern.compile("[a-z]{3}");
  /** A document's content: 1 MiB of UTF-8 (DocumentFields.MAX_CONTENT_BYTES). */
  private static final int MAX_CONTENT_BYTES = 1024 * 1024;
  private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

  private RecordRules() {}

  /** The first problem of the record, if any: (field, reason). */
  static Optional<String[]> problem(LegacyRecord record) {
    List<String[]> problems = new ArrayList<>();
    JsonObject data = record.data();
    switch (record.dictionary()) {
      case AGENTS -> {
        text(data, "name", true, 200, problems);
        text(data, "industry", false, 100, problems);
        object(data, "configuration", false, problems);
        oneOf(data, "status", AGENT_STATUSES, problems);
      }
      case COUNTERS -> {
        if (object(data, "values", true, problems)) {
          for (Map.Entry<String, JsonElement> e : data.getAsJsonObject("values").entrySet()) {
            if (!COUNTER.matcher(e.getKey()).matches()) {
              problems.add(new String[] {"values." + e.getKey(), "a counter name is 1..63 lowercase letters, digits or _, starting with a letter"});
            } else if (!isInteger(e.getValue()) || e.getValue().getAsBigDecimal().signum() < 0) {
              problems.add(new String[] {"values." + e.getKey(), "a counter is an integer of at least 0"});
            }
          }
        }
      }
      case TABLES -> tableRules(record, problems);
      case DATABASE -> {
        text(data, "table", true, 63, problems);
        object(data, "row", true, problems);
      }
      case FAQS_STORE -> {
        text(data, "question", true, 1000, problems);
        text(data, "answer", true, 16_384, problems);
        label(data, "category", problems);
        labels(data, "tags", problems);
      }
      case EMBEDDINGS_CACHE -> {
        if (data.get("text") == null || data.get("text").isJsonNull()) {
          problems.add(new String[] {"text", "'text' is required: a cached vector without its text cannot be re-embedded "
              + "(the product's cache fills again as texts are embedded)"});
        }
        text(data, "text", false, 8192, problems);
        // model and vector are not kept (the text is re-embedded): an entry is not lost over them, whatever they hold.
      }
      case ANALYTICS_DATA -> {
        if (text(data, "event_type", true, 100, problems) && !EVENT_TYPE.matcher(data.get("event_type").getAsString()).matches()) {
          problems.add(new String[] {"event_type", "an event type is dot-separated lowercase names, e.g. chat.message"});
        }
        object(data, "event_data", false, problems);
        text(data, "user_id", false, 256, problems);
        text(data, "session_id", false, 256, problems);
        timestamp(data, "timestamp", problems);
      }
      case KNOWLEDGE_BASE -> {
        text(data, "title", true, 300, problems);
        content(data, problems);
        label(data, "category", problems);
        labels(data, "tags", problems);
        // created_at is not kept (the document's is the import's): an article is not lost over it, whatever it holds.
      }
      case DOCUMENTS_STORE -> {
        text(data, "title", false, 300, problems);
        content(data, problems);
        object(data, "metadata", false, problems);
      }
      case PAYMENT_INTENTS -> {
        money(data, "amount", true, problems);
        currency(data, problems);
        oneOf(data, "status", INTENT_STATUSES, problems);
        if (!data.has("status") || data.get("status").isJsonNull()) {
          problems.add(new String[] {"status", "'status' is required"});
        }
        money(data, "amount_received", false, problems);
        money(data, "amount_refunded", false, problems);
        text(data, "customer_ref", false, 200, problems);
        text(data, "description", false, 1000, problems);
        text(data, "processor_intent_id", false, 200, problems);
        object(data, "metadata", false, problems);
        timestamp(data, "created_at", problems);
      }
      case TRANSACTIONS -> {
        text(data, "payment_intent_id", true, 256, problems);
        oneOf(data, "kind", TRANSACTION_KINDS, problems);
        if (!data.has("kind") || data.get("kind").isJsonNull()) {
          problems.add(new String[] {"kind", "'kind' is required"});
        }
        money(data, "amount", true, problems);
        currency(data, problems);
        timestamp(data, "created_at", problems);
      }
    }
    if (problems.isEmpty()) {
      outOfRange(data, "", problems);
    }
    return problems.stream().findFirst();
  }

  private static void tableRules(LegacyRecord record, List<String[]> problems) {
    JsonObject data = record.data();
    if (!TABLE.matcher(record.legacyId()).matches()) {
      problems.add(new String[] {"id", "a table name is 1..63 lowercase letters, digits or _, starting with a letter"});
      return;
    }
    if (!data.has("columns") || !data.get("columns").isJsonArray() || data.getAsJsonArray("columns").isEmpty()) {
      problems.add(new String[] {"columns", "'columns' must be a non-empty array of column objects"});
      return;
    }
    var columns = data.getAsJsonArray("columns");
    for (int i = 0; i < columns.size(); i++) {
      JsonElement c = columns.get(i);
      if (!c.isJsonObject()) {
        problems.add(new String[] {"columns[" + i + "]", "a column is an object {name, type, ...}"});
        return;
      }
      text(c.getAsJsonObject(), "name", true, 63, problems);
      if (!oneOf(c.getAsJsonObject(), "type", COLUMN_TYPES, problems) || !c.getAsJsonObject().has("type")) {
        if (!c.getAsJsonObject().has("type")) {
          problems.add(new String[] {"columns[" + i + "].type", "'type' is required"});
        }
      }
    }
    Optional<JsonObject> pk = primaryKeyColumn(data);
    if (pk.isEmpty()) {
      problems.add(new String[] {"primary_key", "'primary_key' must name a string or integer column: it holds each row's legacy id"});
    }
  }

  /** The column that holds a row's legacy id, when the table declares a usable one. */
  static Optional<JsonObject> primaryKeyColumn(JsonObject table) {
    JsonElement pk = table.get("primary_key");
    if (pk == null || !pk.isJsonPrimitive() || !table.has("columns") || !table.get("columns").isJsonArray()) {
      return Optional.empty();
    }
    for (JsonElement c : table.getAsJsonArray("columns")) {
      if (c.isJsonObject() && c.getAsJsonObject().has("name") && pk.getAsString().equals(c.getAsJsonObject().get("name").getAsString())) {
        String type = c.getAsJsonObject().has("type") ? c.getAsJsonObject().get("type").getAsString() : "";
        return type.equals("string") || type.equals("integer") ? Optional.of(c.getAsJsonObject()) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean text(JsonObject data, String field, boolean required, int maxChars, List<String[]> problems) {
    JsonElement value = data.get(field);
    if (value == null || value.isJsonNull()) {
      if (required) {
        problems.add(new String[] {field, "'" + field + "' is required"});
      }
      return false;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      problems.add(new String[] {field, "'" + field + "' must be a string, not " + kind(value)});
      return false;
    }
    String text = value.getAsString().strip();
    if (text.isEmpty() || text.codePointCount(0, text.length()) > maxChars) {
      problems.add(new String[] {field, "'" + field + "' must be 1.." + maxChars + " characters, not blank"});
      return false;
    }
    return true;
  }

  /** Money in minor units: a JSON integer (never a float or a string), positive where required, else at least 0. */
  private static void money(JsonObject data, String field, boolean required, List<String[]> problems) {
    JsonElement value = data.get(field);
    if (value == null || value.isJsonNull()) {
      if (required) {
        problems.add(new String[] {field, "'" + field + "' is required"});
      }
      return;
    }
    if (!isInteger(value) || value.getAsBigDecimal().signum() < (required ? 1 : 0)) {
      problems.add(new String[] {field, "'" + field + "' must be an integer of minor units" + (required ? " of at least 1" : " of at least 0")
          + ", not " + (isInteger(value) ? value.toString() : kind(value))});
    }
  }

  private static void currency(JsonObject data, List<String[]> problems) {
    if (text(data, "currency", true, 3, problems) && !CURRENCY.matcher(data.get("currency").getAsString()).matches()) {
      problems.add(new String[] {"currency", "'currency' must be an ISO 4217 code in lowercase, e.g. usd"});
    }
  }

  private static void content(JsonObject data, List<String[]> problems) {
    if (text(data, "content", true, Integer.MAX_VALUE, problems)
        && data.get("content").getAsString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CONTENT_BYTES) {
      problems.add(new String[] {"content", "'content' must be at most " + MAX_CONTENT_BYTES + " bytes of UTF-8"});
    }
  }

  private static boolean object(JsonObject data, String field, boolean required, List<String[]> problems) {
    JsonElement value = data.get(field);
    if (value == null || value.isJsonNull()) {
      if (required) {
        problems.add(new String[] {field, "'" + field + "' is required"});
      }
      return false;
    }
    if (!value.isJsonObject()) {
      problems.add(new String[] {field, "'" + field + "' must be a JSON object, not " + kind(value)});
      return false;
    }
    return true;
  }

  private static boolean oneOf(JsonObject data, String field, Set<String> allowed, List<String[]> problems) {
    JsonElement value = data.get(field);
    if (value == null || value.isJsonNull()) {
      return true;
    }
    if (!value.isJsonPrimitive() || !allowed.contains(value.getAsString())) {
      problems.add(new String[] {field, "'" + field + "' must be one of " + new java.util.TreeSet<>(allowed)});
      return false;
    }
    return true;
  }

  private static void label(JsonObject data, String field, List<String[]> problems) {
    JsonElement value = data.get(field);
    if (value != null && !value.isJsonNull()
        && (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString() || !LABEL.matcher(value.getAsString()).matches())) {
      problems.add(new String[] {field, "'" + field + "' must be 1..64 lowercase letters, digits, '-' or '_'"});
    }
  }

  private static void labels(JsonObject data, String field, List<String[]> problems) {
    JsonElement value = data.get(field);
    if (value == null || value.isJsonNull()) {
      return;
    }
    if (!value.isJsonArray()) {
      problems.add(new String[] {field, "'" + field + "' must be an array of labels, not " + kind(value)});
      return;
    }
    for (int i = 0; i < value.getAsJsonArray().size(); i++) {
      JsonElement tag = value.getAsJsonArray().get(i);
      if (!tag.isJsonPrimitive() || !tag.getAsJsonPrimitive().isString() || !LABEL.matcher(tag.getAsString()).matches()) {
        problems.add(new String[] {field + "[" + i + "]", "a tag is 1..64 lowercase letters, digits, '-' or '_'"});
        return;
      }
    }
  }

  private static void timestamp(JsonObject data, String field, List<String[]> problems) {
    if (text(data, field, true, 64, problems)) {
      try {
        Instant.parse(data.get(field).getAsString());
      } catch (DateTimeParseException e) {
        // Named with the value: Python's str(datetime) ("2026-11-01 10:00:00+00:00") is the usual culprit.
        problems.add(new String[] {field, "'" + field + "' must be an RFC 3339 UTC time, e.g. 2026-11-01T10:00:00Z, not '"
            + data.get(field).getAsString() + "'"});
      }
    }
  }

  /** Integers past 64 bits (Python has no limit; the product stores int64). */
  private static void outOfRange(JsonElement value, String path, List<String[]> problems) {
    if (value.isJsonObject()) {
      for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
        outOfRange(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), problems);
      }
    } else if (value.isJsonArray()) {
      for (int i = 0; i < value.getAsJsonArray().size(); i++) {
        outOfRange(value.getAsJsonArray().get(i), path + "[" + i + "]", problems);
      }
    } else if (isInteger(value)) {
      BigDecimal n = value.getAsBigDecimal();
      if (n.compareTo(MIN_LONG) < 0 || n.compareTo(MAX_LONG) > 0) {
        problems.add(new String[] {path, "integer " + n.toBigInteger() + " is outside the 64-bit range the product stores"});
      }
    }
  }

  static boolean isInteger(JsonElement value) {
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      return false;
    }
    BigDecimal n = value.getAsBigDecimal();
    return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
  }

  static String kind(JsonElement value) {
    if (value.isJsonNull()) {
      return "null";
    }
    if (value.isJsonObject()) {
      return "an object";
    }
    if (value.isJsonArray()) {
      return "an array";
    }
    var p = value.getAsJsonPrimitive();
    return p.isBoolean() ? "a boolean" : p.isNumber() ? "a number" : "a string";
  }
}
