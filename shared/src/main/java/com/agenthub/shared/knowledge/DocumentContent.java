package com.agenthub.shared.knowledge;

import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A document's content, stored in parts of at most {@link #PART_BYTES} of UTF-8 beside the
 * document: a Firestore document holds at most 1 MiB, fields and names included.
 */
final class DocumentContent {

  static final int PART_BYTES = 600_000;

  private DocumentContent() {}

  /** The content cut into parts at code point boundaries. */
  static List<String> parts(String content) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    int bytes = 0;
    for (int i = 0; i < content.length(); ) {
      int codePoint = content.codePointAt(i);
      int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      if (bytes + size > PART_BYTES) {
        parts.add(content.substring(start, i));
        start = i;
        bytes = 0;
      }
      bytes += size;
      i += Character.charCount(codePoint);
    }
    parts.add(content.substring(start));
    return parts;
  }

  /** Writes that store {@code content} in place of {@code previousParts} parts. */
  static List<Write> writes(String organizationId, String documentId, String content, int previousParts) {
    List<String> parts = parts(content);
    List<Write> writes = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      writes.add(Write.set(KnowledgePaths.contentPart(organizationId, documentId, i), Map.of("text", parts.get(i))));
    }
    for (int i = parts.size(); i < previousParts; i++) {
      writes.add(Write.delete(KnowledgePaths.contentPart(organizationId, documentId, i), Optional.empty()));
    }
    return writes;
  }

  static int partCount(String content) {
    return parts(content).size();
  }

  static String read(DocumentStore store, String organizationId, String documentId, int partCount) {
    List<DocumentPath> paths = new ArrayList<>();
    for (int i = 0; i < partCount; i++) {
      paths.add(KnowledgePaths.contentPart(organizationId, documentId, i));
    }
    StringBuilder content = new StringBuilder();
    for (Optional<StoredDocument> part : store.getAll(paths)) {
      content.append(part.map(p -> p.string("text")).orElseThrow(() -> new IllegalStateException(
          "a content part of document " + documentId + " is missing")));
    }
    return content.toString();
  }

  static List<Write> deletes(String organizationId, String documentId, int partCount) {
    List<Write> writes = new ArrayList<>();
    for (int i = 0; i < partCount; i++) {
      writes.add(Write.delete(KnowledgePaths.contentPart(organizationId, documentId, i), Optional.empty()));
    }
    return writes;
  }
}
