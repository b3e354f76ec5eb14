package com.agenthub.shared.indexes;

import com.agenthub.shared.port.NearestQuery;
import com.agenthub.shared.port.Query;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * terraform/firestore/indexes.json, the one declaration of Firestore's composite indexes and TTL
 * policies (Terraform creates them), and the rule for which queries need which index.
 */
record FirestoreIndexDeclaration(List<CompositeIndex> compositeIndexes, List<TtlPolicy> ttlPolicies, List<VectorIndex> vectorIndexes) {

  FirestoreIndexDeclaration(List<CompositeIndex> compositeIndexes, List<TtlPolicy> ttlPolicies) {
    this(compositeIndexes, ttlPolicies, List.of());
  }

  static final Path FILE = Path.of("..", "terraform", "firestore", "indexes.json");

  record IndexField(String field, String order) {}

  record CompositeIndex(String collectionGroup, List<IndexField> fields) {
    @Override
    public String toString() {
      return collectionGroup + fields.stream().map(f -> f.field() + " " + f.order()).toList();
    }
  }

  record TtlPolicy(String collectionGroup, String field) {}

  /**
   * A flat vector index: pre-filter fields (in any order for a query's equalities), array fields
   * (CONTAINS, for an array-contains-any pre-filter), the vector field, its dimension.
   */
  record VectorIndex(String collectionGroup, Set<String> prefilterFields, Set<String> arrayFields, String field, int dimension) {}

  static FirestoreIndexDeclaration load() throws IOException {
    return parse(Files.readString(FILE));
  }

  static FirestoreIndexDeclaration parse(String json) {
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    List<CompositeIndex> indexes = new ArrayList<>();
    for (JsonElement element : root.getAsJsonArray("composite_indexes")) {
      JsonObject index = element.getAsJsonObject();
      List<IndexField> fields = new ArrayList<>();
      for (JsonElement field : index.getAsJsonArray("fields")) {
        JsonObject declared = field.getAsJsonObject();
        // An array field is declared with array_config (CONTAINS) instead of an order.
        fields.add(new IndexField(declared.get("field").getAsString(),
            declared.has("order") ? declared.get("order").getAsString() : declared.get("array_config").getAsString()));
      }
      indexes.add(new CompositeIndex(index.get("collection_group").getAsString(), List.copyOf(fields)));
    }
    List<TtlPolicy> ttl = new ArrayList<>();
    for (JsonElement element : root.getAsJsonArray("ttl_policies")) {
      JsonObject policy = element.getAsJsonObject();
      ttl.add(new TtlPolicy(policy.get("collection_group").getAsString(), policy.get("field").getAsString()));
    }
    List<VectorIndex> vectors = new ArrayList<>();
    if (root.has("vector_indexes")) {
      for (JsonElement element : root.getAsJsonArray("vector_indexes")) {
        JsonObject index = element.getAsJsonObject();
        Set<String> prefilter = new HashSet<>();
        index.getAsJsonArray("prefilter_fields").forEach(f -> prefilter.add(f.getAsString()));
        Set<String> arrays = new HashSet<>();
        if (index.has("prefilter_array_fields")) {
          index.getAsJsonArray("prefilter_array_fields").forEach(f -> arrays.add(f.getAsString()));
        }
        vectors.add(new VectorIndex(index.get("collection_group").getAsString(), Set.copyOf(prefilter), Set.copyOf(arrays),
            index.get("field").getAsString(), index.get("dimension").getAsInt()));
      }
    }
    return new FirestoreIndexDeclaration(List.copyOf(indexes), List.copyOf(ttl), List.copyOf(vectors));
  }

  /**
   * Every vector query needs its vector index: its equality fields and its array-contains-any
   * field as pre-filter, its field, its vector's dimension.
   */
  static VectorIndex requiredBy(NearestQuery query) {
    List<String> segments = query.collection().segments();
    return new VectorIndex(segments.get(segments.size() - 1), Set.copyOf(query.equalTo().keySet()),
        Set.copyOf(query.arrayContainsAny().keySet()), query.field(), query.target().dimensions());
  }

  boolean declares(VectorIndex required) {
    return vectorIndexes.contains(required);
  }

  /**
   * The composite index a query needs, if any. Every query orders by the document id last
   * (ascending), which single-field indexes serve; equality filters combined with an order by
   * another field are what need a composite index: the equality fields first (in any order),
   * then the order field in the query's direction (the service cannot read a composite index
   * backwards). Terraform appends the document id itself, in the order field's direction.
   */
  static Optional<CompositeIndex> requiredBy(Query query) {
    // An 'in' filter is a set of equalities: it needs the same index as one.
    Set<String> equalities = new java.util.TreeSet<>(query.equalTo().keySet());
    equalities.addAll(query.in().keySet());
    if ((equalities.isEmpty() && query.arrayContains().isEmpty()) || query.orderBy().isEmpty()) {
      return Optional.empty();
    }
    List<IndexField> fields = new ArrayList<>();
    equalities.forEach(field -> fields.add(new IndexField(field, "ASCENDING")));
    // An array-contains filter is an index field of its own kind, in any position before the order.
    query.arrayContains().keySet().forEach(field -> fields.add(new IndexField(field, "CONTAINS")));
    fields.add(new IndexField(query.orderBy().get(), query.descending() ? "DESCENDING" : "ASCENDING"));
    return Optional.of(new CompositeIndex(collectionGroup(query), List.copyOf(fields)));
  }

  /** Whether a declared index serves the required one: same group, same equality set, same order field. */
  boolean declares(CompositeIndex required) {
    int equalities = required.fields().size() - 1;
    for (CompositeIndex declared : compositeIndexes) {
      if (declared.collectionGroup().equals(required.collectionGroup())
          && declared.fields().size() == required.fields().size()
          && new HashSet<>(declared.fields().subList(0, equalities)).equals(Set.copyOf(required.fields().subList(0, equalities)))
          && declared.fields().get(equalities).equals(required.fields().get(equalities))) {
        return true;
      }
    }
    return false;
  }

  static String collectionGroup(Query query) {
    List<String> segments = query.collection().segments();
    return segments.get(segments.size() - 1);
  }
}
