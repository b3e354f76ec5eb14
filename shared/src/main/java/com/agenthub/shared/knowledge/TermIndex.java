package com.agenthub.shared.knowledge;

import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.Write;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keyword index in Firestore: for each term, {@link #SHARDS} posting documents
 * ({@code knowledge_terms/<term>~<shard>}), each a map {@code postings} from chunk id to
 * {@code [term frequency, chunk length]}. A document's chunks all land in one shard (by its id),
 * so indexing a document writes one map merge per distinct term, without reading anything and
 * without conflicting with other documents' writers; a query reads every shard of its terms in
 * one round trip, and a term's document frequency is its entry count. One shard holds ~15,000
 * entries within Firestore's 1 MiB, so a term can be in ~240,000 chunks of an organization.
 */
final class TermIndex {

  static final int SHARDS = 16;
  static final String POSTINGS = "postings";
  private static final Pattern PLAIN_TERM = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.'-]*");

  /** One chunk's terms, as indexed. */
  record ChunkTerms(String chunkId, Map<String, Integer> frequencies, int length) {}

  /** A chunk whose entries of {@code terms} go. */
  record Removal(String chunkId, Collection<String> terms) {}

  /** One term's postings: chunk id to [term frequency, chunk length]. */
  record Postings(String term, Map<String, long[]> entries) {}

  private TermIndex() {}

  /** The map merges that put {@code added} and take {@code removed} out, one per shard document touched. */
  static List<Write> writes(String organizationId, String documentId, List<ChunkTerms> added, List<Removal> removed) {
    Map<DocumentPath, Map<String, Object>> puts = new LinkedHashMap<>();
    Map<DocumentPath, Set<String>> removes = new LinkedHashMap<>();
    Set<String> putKeys = new HashSet<>();
    for (ChunkTerms chunk : added) {
      chunk.frequencies().forEach((term, tf) -> {
        DocumentPath shard = shard(organizationId, term, documentId);
        puts.computeIfAbsent(shard, s -> new LinkedHashMap<>()).put(chunk.chunkId(), List.of((long) tf, (long) chunk.length()));
        putKeys.add(shard + "|" + chunk.chunkId());
      });
    }
    for (Removal removal : removed) {
      for (String term : removal.terms()) {
        DocumentPath shard = shard(organizationId, term, documentId);
        // A chunk that keeps the term is re-put above: its entry must not also be removed.
        if (!putKeys.contains(shard + "|" + removal.chunkId())) {
          removes.computeIfAbsent(shard, s -> new HashSet<>()).add(removal.chunkId());
        }
      }
    }
    Set<DocumentPath> shards = new java.util.LinkedHashSet<>(puts.keySet());
    shards.addAll(removes.keySet());
    List<Write> writes = new ArrayList<>();
    for (DocumentPath shard : shards) {
      writes.add(Write.mergeMap(shard, POSTINGS, puts.getOrDefault(shard, Map.of()), removes.getOrDefault(shard, Set.of())));
    }
    return writes;
  }

  /** Every shard document of {@code term}, in shard order. */
  static List<DocumentPath> shards(String organizationId, String term) {
    List<DocumentPath> paths = new ArrayList<>(SHARDS);
    for (int shard = 0; shard < SHARDS; shard++) {
      paths.add(KnowledgePaths.terms(organizationId).document(key(term) + "~" + shard));
    }
    return paths;
  }

  @SuppressWarnings("unchecked")
  static Postings postings(String term, List<Map<String, Object>> shardData) {
    Map<String, long[]> entries = new HashMap<>();
    for (Map<String, Object> data : shardData) {
      Object map = data.get(POSTINGS);
      if (map instanceof Map<?, ?> postings) {
        ((Map<String, Object>) postings).forEach((chunkId, value) -> {
          List<Number> pair = (List<Number>) value;
          entries.put(chunkId, new long[] {pair.get(0).longValue(), pair.get(1).longValue()});
        });
      }
    }
    return new Postings(term, entries);
  }

  private static DocumentPath shard(String organizationId, String term, String documentId) {
    return KnowledgePaths.terms(organizationId).document(key(term) + "~" + Math.floorMod(documentId.hashCode(), SHARDS));
  }

  /** The term itself where it is a safe document id (readable in the console), else its hash. */
  private static String key(String term) {
    return PLAIN_TERM.matcher(term).matches() && term.getBytes(StandardCharsets.UTF_8).length <= 200 ? term : "h-" + Sha256.hex(term);
  }
}
