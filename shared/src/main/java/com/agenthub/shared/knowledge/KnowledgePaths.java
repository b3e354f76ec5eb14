package com.agenthub.shared.knowledge;

import com.agenthub.shared.port.CollectionPath;
import com.agenthub.shared.port.DocumentPath;

/** Where an organization's knowledge lives in the store; README "Data design" describes each collection. */
final class KnowledgePaths {

  static final String DOCUMENTS = "knowledge_documents";
  static final String CONTENT = "content";
  static final String CHUNKS = "knowledge_chunks";
  static final String TERMS = "knowledge_terms";
  static final String STATS = "knowledge_stats";

  private KnowledgePaths() {}

  static CollectionPath documents(String organizationId) {
    return CollectionPath.of("organizations", organizationId, DOCUMENTS);
  }

  /** A document's content, in parts: 1 MiB of text does not fit one Firestore document beside its fields. */
  static DocumentPath contentPart(String organizationId, String documentId, int part) {
    return documents(organizationId).document(documentId).collection(CONTENT).document("part-" + part);
  }

  static CollectionPath chunks(String organizationId) {
    return CollectionPath.of("organizations", organizationId, CHUNKS);
  }

  static DocumentPath chunk(String organizationId, String documentId, int position) {
    return chunks(organizationId).document(chunkId(documentId, position));
  }

  static String chunkId(String documentId, int position) {
    return documentId + "-" + position;
  }

  static String documentOf(String chunkId) {
    return chunkId.substring(0, chunkId.lastIndexOf('-'));
  }

  static CollectionPath terms(String organizationId) {
    return CollectionPath.of("organizations", organizationId, TERMS);
  }

  /** The keyword index's corpus statistics of the organization: chunks and term occurrences counted. */
  static DocumentPath corpus(String organizationId) {
    return CollectionPath.of("organizations", organizationId, STATS).document("corpus");
  }
}
