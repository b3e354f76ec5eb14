package com.agenthub.migrate.snapshot;

import java.util.Optional;

/**
 * The legacy service's dictionaries, one snapshot file each ({@code NAME.ndjson}). Those without an
 * import path say why; {@code metrics_cache} is not one of them at all: it is derived from
 * {@code analytics_data} (GetMetrics recomputes and caches it), so migrating it would only copy
 * numbers that are recomputed anyway — and stale ones at that.
 */
public enum Dictionary {
  TABLES("tables", null),
  DATABASE("database", null),
  AGENTS("agents", null),
  COUNTERS("counters", null),
  FAQS_STORE("faqs_store", null),
  EMBEDDINGS_CACHE("embeddings_cache", null),
  ANALYTICS_DATA("analytics_data", null),
  PAYMENT_INTENTS("payment_intents",
      "no import path yet: historical intents must be recorded without calling the processor again (see README, Migration)"),
  TRANSACTIONS("transactions",
      "no import path yet: ledger history comes with its payment intents (see README, Migration)"),
  KNOWLEDGE_BASE("knowledge_base", "no import path yet: the product has no knowledge-base articles API"),
  DOCUMENTS_STORE("documents_store", "no import path yet: the product has no CreateDocument API");

  private final String fileStem;
  private final String notImportable;

  Dictionary(String fileStem, String notImportable) {
    this.fileStem = fileStem;
    this.notImportable = notImportable;
  }

  /** The legacy dictionary's name, which is also its file's name without {@code .ndjson}. */
  public String legacyName() {
    return fileStem;
  }

  public String fileName() {
    return fileStem + ".ndjson";
  }

  /** Why this dictionary cannot be imported yet, if it cannot. */
  public Optional<String> notImportable() {
    return Optional.ofNullable(notImportable);
  }

  public static Optional<Dictionary> byName(String name) {
    for (Dictionary d : values()) {
      if (d.fileStem.equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
