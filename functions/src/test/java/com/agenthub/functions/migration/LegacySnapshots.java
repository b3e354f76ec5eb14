package com.agenthub.functions.migration;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates a legacy snapshot as a Python service would dump it, with every importable dictionary
 * and what makes migrations go wrong: unicode (Cyrillic, CJK, RTL, emoji, combining marks) in ids
 * and texts, integers past 2^53 up to 2^63-1, nested JSON, money in minor units of zero- and
 * three-decimal currencies, embeddings. Seeded: the same arguments give the same files.
 */
public final class LegacySnapshots {

  /** What a generated snapshot holds, by dictionary file stem. */
  public record Contents(Map<Kind, Integer> counts) {
    public int total() {
      return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int of(Kind kind) {
      return counts.getOrDefault(kind, 0);
    }
  }

  public enum Kind { TABLES, DATABASE, AGENTS, COUNTERS, FAQS_STORE, EMBEDDINGS_CACHE, ANALYTICS_DATA, KNOWLEDGE_BASE,
    DOCUMENTS_STORE, PAYMENT_INTENTS, TRANSACTIONS }

  static final String[] NAMES = {"Support bot", "Служба поддержки", "客服机器人", "مساعد المبيعات", "Café Ünïcödé",
      "Robot 🤖 d'accueil", "e\u0301le\u0300ve", "Ναυτίλος", "हिन्दी सहायक", "Quotes \"and\" \\ backslashes"};
  static final String[] CURRENCIES = {"usd", "eur", "jpy", "kwd", "gbp"};
  static final int MAX_AGENTS = 5_000;

  private LegacySnapshots() {}

  /**
   * About {@code total} records: 10% agents (at most 5,000, the enterprise plan allows 10,000), as many
   * counters less a fifth, 3% FAQs (at most 300: each is embedded on import), 5% cached embeddings,
   * 5% analytics events (a tenth of them 30 days to a year old), 0.4% knowledge-base articles and 0.4% RAG documents (at most 40 each: each is
   * indexed in the background), 2% payment intents (at most 300) with one to three transactions
   * each, three tables and the rest rows.
   */
  public static Contents write(Path dir, int total, long seed) throws IOException {
    Random random = new Random(seed);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"agenthub-legacy-snapshot\", \"version\": 1, "
        + "\"taken_at\": \"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\", \"source\": \"generated seed " + seed + "\"}\n");
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    int agents = Math.min(MAX_AGENTS, Math.max(1, total / 10));
    int counters = agents * 4 / 5;
    int faqs = Math.min(300, Math.max(1, total * 3 / 100));
    int embeddings = Math.max(1, total / 20);
    int events = Math.max(1, total / 20);
    int articles = Math.min(40, Math.max(1, total / 250));
    int documents = Math.min(40, Math.max(1, total / 250));
    int intents = Math.min(300, Math.max(5, total / 50));
    int rows = Math.max(3, total - agents - counters - faqs - embeddings - events - articles - documents - intents * 2 - 3);

    List<String> agentIds = new ArrayList<>();
    try (BufferedWriter out = writer(dir, "agents")) {
      for (int i = 0; i < agents; i++) {
        String id = i % 7 == 3 ? "агент-" + i + " ✓" : "agent_" + i;
        agentIds.add(id);
        JsonObject a = new JsonObject();
        a.addProperty("id", id);
        a.addProperty("name", NAMES[i % NAMES.length] + " #" + i);
        if (i % 3 != 0) {
          a.addProperty("industry", i % 2 == 0 ? "retail" : "finance");
        }
        a.add("configuration", configuration(random, i));
        a.addProperty("status", i % 5 == 0 ? "paused" : "active");
        line(out, a);
      }
    }
    counts.put(Kind.AGENTS, agents);
    try (BufferedWriter out = writer(dir, "counters")) {
      for (int i = 0; i < counters; i++) {
        JsonObject c = new JsonObject();
        c.addProperty("id", agentIds.get(i));
        JsonObject values = new JsonObject();
        values.addProperty("messages", 1 + random.nextInt(100_000));
        values.addProperty("tokens_in", (1L << 40) + random.nextInt(1_000_000));
        if (i % 2 == 0) {
          values.addProperty("conversations", random.nextInt(500));
        }
        c.add("values", values);
        line(out, c);
      }
    }
    counts.put(Kind.COUNTERS, counters);
    writeTables(dir);
    counts.put(Kind.TABLES, 3);
    try (BufferedWriter out = writer(dir, "database")) {
      for (int i = 0; i < rows; i++) {
        line(out, row(random, i));
      }
    }
    counts.put(Kind.DATABASE, rows);
    try (BufferedWriter out = writer(dir, "faqs_store")) {
      for (int i = 0; i < faqs; i++) {
        JsonObject f = new JsonObject();
        f.addProperty("id", i % 4 == 0 ? "faq " + i + " (ünïcode)" : "faq-" + i);
        f.addProperty("question", "How do I do thing " + i + " — " + NAMES[i % NAMES.length] + "?");
        f.addProperty("answer", "Step " + i + ": 日本語のテキスト and emoji 🎉, line\nbreaks kept.");
        f.addProperty("category", i % 2 == 0 ? "billing" : "account");
        JsonArray tags = new JsonArray();
        tags.add("t" + (i % 5));
        f.add("tags", tags);
        line(out, f);
      }
    }
    counts.put(Kind.FAQS_STORE, faqs);
    try (BufferedWriter out = writer(dir, "embeddings_cache")) {
      for (int i = 0; i < embeddings; i++) {
        JsonObject e = new JsonObject();
        e.addProperty("id", "sha256:" + Integer.toHexString(("text " + i).hashCode()) + "-" + i);
        e.addProperty("text", "Cached passage " + i + " — " + NAMES[i % NAMES.length]);
        e.addProperty("model", "legacy-text-embedding-8");
        JsonArray vector = new JsonArray();
        for (int d = 0; d < 8; d++) {
          vector.add(Math.round(random.nextGaussian() * 1e6) / 1e6);
        }
        e.add("vector", vector);
        line(out, e);
      }
    }
    counts.put(Kind.EMBEDDINGS_CACHE, embeddings);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (BufferedWriter out = writer(dir, "analytics_data")) {
      for (int i = 0; i < events; i++) {
        JsonObject e = new JsonObject();
        e.addProperty("id", "evt-" + i);
        e.addProperty("event_type", i % 3 == 0 ? "chat.started" : "chat.message");
        JsonObject data = new JsonObject();
        data.addProperty("tokens", random.nextInt(4000));
        data.addProperty("text", NAMES[i % NAMES.length]);
        e.add("event_data", data);
        e.addProperty("user_id", "u" + (i % 50));
        e.addProperty("session_id", "s" + (i % 200));
        // Every tenth event is history, 30 days to a year back (ImportEventHistory's); the rest recent (TrackEvents').
        Instant at = i % 10 == 9 ? now.minus(30 + i % 336, ChronoUnit.DAYS) : now.minus(random.nextInt(36 * 3600), ChronoUnit.SECONDS);
        e.addProperty("timestamp", at.toString());
        line(out, e);
      }
    }
    counts.put(Kind.ANALYTICS_DATA, events);
    LegacyKnowledge.write(dir, articles, documents, counts);
    LegacyPayments.write(dir, intents, random, counts);
    return new Contents(counts);
  }

  private static JsonObject configuration(Random random, int i) {
    JsonObject c = new JsonObject();
    c.addProperty("model", i % 2 == 0 ? "gemini-2.5-flash" : "gpt-4o");
    c.addProperty("temperature", Math.round(random.nextDouble() * 100) / 100.0);
    c.addProperty("max_tokens_budget", 9_007_199_254_740_993L + i); // past 2^53: a double would round it
    if (i % 10 == 0) {
      c.addProperty("largest", Long.MAX_VALUE);
    }
    JsonObject nested = new JsonObject();
    JsonArray tools = new JsonArray();
    tools.add("search");
    tools.add("calculator");
    nested.add("tools", tools);
    JsonObject deeper = new JsonObject();
    deeper.addProperty("greeting", NAMES[(i + 3) % NAMES.length]);
    deeper.add("nothing", com.google.gson.JsonNull.INSTANCE);
    nested.add("prompts", deeper);
    c.add("nested", nested);
    return c;
  }

  private static void writeTables(Path dir) throws IOException {
    try (BufferedWriter out = writer(dir, "tables")) {
      out.write("{\"id\": \"orders\", \"primary_key\": \"order_id\", \"columns\": ["
          + "{\"name\": \"order_id\", \"type\": \"string\"}, {\"name\": \"customer\", \"type\": \"string\", \"indexed\": true},"
          + "{\"name\": \"amount_minor\", \"type\": \"integer\", \"required\": true}, {\"name\": \"currency\", \"type\": \"string\"},"
          + "{\"name\": \"paid\", \"type\": \"boolean\"}, {\"name\": \"details\", \"type\": \"json\"},"
          + "{\"name\": \"labels\", \"type\": \"string_array\"}]}\n");
      out.write("{\"id\": \"ledger_lines\", \"primary_key\": \"line_no\", \"columns\": ["
          + "{\"name\": \"line_no\", \"type\": \"integer\"}, {\"name\": \"note\", \"type\": \"string\"},"
          + "{\"name\": \"balance_minor\", \"type\": \"integer\"}, {\"name\": \"ratio\", \"type\": \"number\"}]}\n");
      out.write("{\"id\": \"notes\", \"primary_key\": \"key\", \"columns\": ["
          + "{\"name\": \"key\", \"type\": \"string\"}, {\"name\": \"body\", \"type\": \"string\"}]}\n");
    }
  }

  private static JsonObject row(Random random, int i) {
    JsonObject r = new JsonObject();
    JsonObject values = new JsonObject();
    switch (i % 3) {
      case 0 -> {
        r.addProperty("table", "orders");
        r.addProperty("id", i % 11 == 0 ? "заказ " + i : "ord_" + i);
        values.addProperty("customer", "cus_" + (i % 97));
        String currency = CURRENCIES[i % CURRENCIES.length];
        long amount = 1 + random.nextInt(99_999_999);
        if (currency.equals("kwd")) {
          amount = amount / 10 * 10 + 10;
        }
        values.addProperty("amount_minor", amount);
        values.addProperty("currency", currency);
        values.addProperty("paid", i % 2 == 0);
        JsonObject details = new JsonObject();
        details.addProperty("note", NAMES[i % NAMES.length]);
        JsonObject address = new JsonObject();
        address.addProperty("city", "Zürich");
        address.addProperty("zip", "80" + (i % 100));
        details.add("address", address);
        values.add("details", details);
        JsonArray labels = new JsonArray();
        labels.add("l" + (i % 4));
        values.add("labels", labels);
      }
      case 1 -> {
        r.addProperty("table", "ledger_lines");
        r.addProperty("id", Long.toString(i % 5 == 0 ? Long.MAX_VALUE - i : i));
        values.addProperty("note", "line " + i + " " + NAMES[i % NAMES.length]);
        values.addProperty("balance_minor", (i % 2 == 0 ? -1 : 1) * (1L << 53) + i);
        values.addProperty("ratio", Math.round(random.nextDouble() * 1e6) / 1e6);
      }
      default -> {
        r.addProperty("table", "notes");
        r.addProperty("id", "note-" + i);
        values.addProperty("body", "🎉 " + NAMES[i % NAMES.length] + " " + i);
      }
    }
    r.add("row", values);
    return r;
  }

  static BufferedWriter writer(Path dir, String stem) throws IOException {
    return Files.newBufferedWriter(dir.resolve(stem + ".ndjson"), StandardCharsets.UTF_8);
  }

  static void line(BufferedWriter out, JsonObject record) throws IOException {
    out.write(record.toString());
    out.write('\n');
  }
}
