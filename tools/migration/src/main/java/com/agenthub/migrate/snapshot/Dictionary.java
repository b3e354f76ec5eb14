package com.agenthub.migrate.snapshot;

import java.util.Optional;

/**
 * The legacy service's dictionaries, one snapshot file each ({@code NAME.ndjson}), every one with an
 * import path. {@code metrics_cache} is not one of them: it is derived from {@code analytics_data}
 * (GetMetrics recomputes and caches it), so migrating it would only copy numbers that are
 * recomputed anyway — and stale ones at that. {@code transactions} are imported with their
 * payment intents (ImportPaymentIntent takes an intent with its transactions).
 */
public enum Dictionary {
  TABLES("tables"),
  DATABASE("database"),
  AGENTS("agents"),
  COUNTERS("counters"),
  FAQS_STORE("faqs_store"),
  EMBEDDINGS_CACHE("embeddings_cache"),
  ANALYTICS_DATA("analytics_data"),
  KNOWLEDGE_BASE("knowledge_base"),
  DOCUMENTS_STORE("documents_store"),
  PAYMENT_INTENTS("payment_intents"),
  TRANSACTIONS("transactions");

  private final String fileStem;

  Dictionary(String fileStem) {
    this.fileStem = fileStem;
  }

  /** The legacy dictionary's name, which is also its file's name without {@code .ndjson}. */
  public String legacyName() {
    return fileStem;
  }

  public String fileName() {
    return fileStem + ".ndjson";
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
