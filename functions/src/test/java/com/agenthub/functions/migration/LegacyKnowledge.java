package com.agenthub.functions.migration;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The generated snapshot's knowledge: articles of the legacy {@code knowledge_base} and documents of
 * {@code documents_store} (some without a title, some with legacy chunks and embeddings, which the
 * import leaves to the product), all with unicode text across several paragraphs.
 */
final class LegacyKnowledge {

  private LegacyKnowledge() {}

  static void write(Path dir, int articles, int documents, Map<LegacySnapshots.Kind, Integer> counts) throws IOException {
    try (BufferedWriter out = LegacySnapshots.writer(dir, "knowledge_base")) {
      for (int i = 0; i < articles; i++) {
        JsonObject a = new JsonObject();
        a.addProperty("id", i % 5 == 2 ? "статья " + i : "kb-" + i);
        a.addProperty("title", "  " + LegacySnapshots.NAMES[i % LegacySnapshots.NAMES.length] + " — policy " + i + " ");
        a.addProperty("content", text(i));
        a.addProperty("category", i % 2 == 0 ? "policies" : "billing");
        JsonArray tags = new JsonArray();
        tags.add("t" + (i % 3));
        tags.add("t" + (i % 3));
        a.add("tags", tags);
        a.addProperty("created_at", "2025-0" + (1 + i % 9) + "-01T08:00:00Z");
        LegacySnapshots.line(out, a);
      }
    }
    counts.put(LegacySnapshots.Kind.KNOWLEDGE_BASE, articles);
    try (BufferedWriter out = LegacySnapshots.writer(dir, "documents_store")) {
      for (int i = 0; i < documents; i++) {
        JsonObject d = new JsonObject();
        d.addProperty("id", "doc-" + i);
        if (i % 3 != 1) {
          d.addProperty("title", "Handbook " + LegacySnapshots.NAMES[(i + 1) % LegacySnapshots.NAMES.length]);
        }
        d.addProperty("content", text(i + 100));
        JsonObject metadata = new JsonObject();
        metadata.addProperty("source", "handbook-" + i + ".pdf");
        metadata.addProperty("pages", 3 + i);
        metadata.addProperty("author", "Zoë Ø'Brien 作者");
        d.add("metadata", metadata);
        if (i % 2 == 0) {
          JsonArray chunks = new JsonArray();
          JsonObject chunk = new JsonObject();
          chunk.addProperty("text", "legacy chunk " + i);
          JsonArray embedding = new JsonArray();
          embedding.add(0.1);
          embedding.add(-0.2);
          chunk.add("embedding", embedding);
          chunks.add(chunk);
          d.add("chunks", chunks);
        }
        LegacySnapshots.line(out, d);
      }
    }
    counts.put(LegacySnapshots.Kind.DOCUMENTS_STORE, documents);
  }

  /** Two paragraphs of unicode text; the first line makes a title for a document without one. */
  static String text(int i) {
    return LegacySnapshots.NAMES[i % LegacySnapshots.NAMES.length] + " — section " + i + "\n\n"
        + "Returns are accepted within 30 days 🎁; 日本語の説明もあります. Ünïcödé «quotes», עברית, and e\u0301.\n"
        + "Second paragraph " + i + ": tabs\tstay, \"quotes\" and \\backslashes\\ too.";
  }
}
