package com.agenthub.shared.embeddings;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Embedder;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embeddings cache (the legacy {@code embeddings_cache}) in front of the model: a vector is
 * keyed by SHA-256 of (model id, normalized text), so a hit never calls the model and another
 * model never reuses it. The cache is per organization: a shared one would tell a tenant, through
 * {@code cache_hit}, which texts another tenant has embedded.
 */
public final class Embeddings {

  public static final int MAX_BATCH = 100;
  /** Characters of one text; the model reads only its first 256 word pieces anyway (~1,000 characters of English). */
  public static final int MAX_TEXT_CHARS = 8_192;

  private final DocumentStore store;
  private final Embedder embedder;
  private final Clock clock;

  public Embeddings(DocumentStore store, Embedder embedder, Clock clock) {
    this.store = store;
    this.embedder = embedder;
    this.clock = clock;
  }

  public Embedder.Model model() {
    return embedder.model();
  }

  /** A vector per text, embedded as a document (a passage to be found). */
  public List<EmbeddedText> embed(String organizationId, List<String> texts) {
    return embed(organizationId, texts, Embedder.Purpose.DOCUMENT);
  }

  /**
   * The cached vector of each text as a document, in order, or empty where there is none: one read,
   * no model call, nothing written (a lookup that leaves the cache as it found it).
   */
  public List<Optional<float[]>> cached(String organizationId, List<String> texts) {
    requireBatch(texts);
    return store.getAll(paths(organizationId, texts, Embedder.Purpose.DOCUMENT)).stream()
        .map(found -> found.map(Embeddings::vector)).toList();
  }

  /** A vector per text, in order: cached ones read in one round trip, the rest embedded in one model call and cached. */
  public List<EmbeddedText> embed(String organizationId, List<String> texts, Embedder.Purpose purpose) {
    requireBatch(texts);
    Embedder.Model model = embedder.model();
    List<DocumentPath> paths = paths(organizationId, texts, purpose);
    List<Optional<StoredDocument>> cached = store.getAll(paths);
    List<Integer> misses = new ArrayList<>();
    Map<DocumentPath, Integer> firstMissOfPath = new LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      if (cached.get(i).isEmpty() && firstMissOfPath.putIfAbsent(paths.get(i), i) == null) {
        misses.add(i);
      }
    }
    List<float[]> computed = misses.isEmpty() ? List.of()
        : embedder.embed(misses.stream().map(i -> TextNormalization.normalize(texts.get(i))).toList(), purpose);
    if (!misses.isEmpty()) {
      store.commit(cacheWrites(model, misses, paths, computed));
    }
    List<EmbeddedText> result = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (cached.get(i).isPresent()) {
        result.add(new EmbeddedText(vector(cached.get(i).get()), true));
      } else {
        int first = firstMissOfPath.get(paths.get(i));
        result.add(new EmbeddedText(computed.get(misses.indexOf(first)), first != i));
      }
    }
    return result;
  }

  private List<Write> cacheWrites(Embedder.Model model, List<Integer> misses, List<DocumentPath> paths, List<float[]> vectors) {
    Instant now = Timestamps.now(clock);
    List<Write> writes = new ArrayList<>();
    for (int k = 0; k < misses.size(); k++) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("model", model.id());
      data.put("dimensions", (long) model.dimensions());
      data.put("vector", toList(vectors.get(k)));
      data.put("created_at", now);
      // Set, not create: two requests embedding the same new text race harmlessly to the same value.
      writes.add(Write.set(paths.get(misses.get(k)), data));
    }
    return writes;
  }

  private static void requireBatch(List<String> texts) {
    if (texts.isEmpty() || texts.size() > MAX_BATCH) {
      throw ApiError.invalid("texts", "'texts' must hold 1.." + MAX_BATCH + " texts, got " + texts.size());
    }
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null || text.isBlank()) {
        throw ApiError.invalid("texts[" + i + "]", "a text must not be blank");
      }
      if (text.codePointCount(0, text.length()) > MAX_TEXT_CHARS) {
        throw ApiError.invalid("texts[" + i + "]", "a text must be at most " + MAX_TEXT_CHARS + " characters");
      }
    }
  }

  /**
   * The model's id, and the purpose when the model embeds purposes differently (a query's vector
   * must not answer for the same text as a passage). Documents keep the bare id: MiniLM's keys stay.
   */
  private String cacheKey(Embedder.Model model, Embedder.Purpose purpose) {
    return embedder.distinguishesPurposes() && purpose != Embedder.Purpose.DOCUMENT
        ? model.id() + "#" + purpose.name().toLowerCase(java.util.Locale.ROOT) : model.id();
  }

  private List<DocumentPath> paths(String organizationId, List<String> texts, Embedder.Purpose purpose) {
    String key = cacheKey(embedder.model(), purpose);
    return texts.stream().map(text -> path(organizationId, key, text)).toList();
  }

  private static DocumentPath path(String organizationId, String cacheKey, String text) {
    return CollectionPath.of("organizations", organizationId, "embeddings_cache")
        .document(Sha256.hex(cacheKey + "\n" + TextNormalization.normalize(text)));
  }

  private static List<Double> toList(float[] vector) {
    List<Double> values = new ArrayList<>(vector.length);
    for (float value : vector) {
      values.add((double) value);
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static float[] vector(StoredDocument cached) {
    List<Number> values = (List<Number>) cached.data().get("vector");
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = values.get(i).floatValue();
    }
    return vector;
  }
}
