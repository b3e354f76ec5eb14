package com.agenthub.shared.knowledge;

import com.agenthub.shared.ids.ClientIds;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A document to create, valid on construction. {@code metadataJsonBytes} is the metadata's size on the wire.
 * A client-chosen {@code id} (a legacy id kept through a migration, or for idempotent creation) makes a
 * second create of the same document return the first.
 */
public record NewDocument(Optional<String> id, String title, String content, String category, List<String> tags,
    Map<String, Object> metadata, Optional<String> sourceUrl) {

  public NewDocument(Optional<String> id, String title, String content, String category, List<String> tags,
      Map<String, Object> metadata, int metadataJsonBytes, Optional<String> sourceUrl) {
    this(id.map(value -> ClientIds.require("id", value)), DocumentFields.title(title), DocumentFields.content(content),
        FaqFields.category(category), FaqFields.tags(tags), DocumentFields.metadata(metadata, metadataJsonBytes),
        sourceUrl.map(DocumentFields::sourceUrl));
  }

  public NewDocument(String title, String content, String category, List<String> tags, Map<String, Object> metadata,
      int metadataJsonBytes, Optional<String> sourceUrl) {
    this(Optional.empty(), title, content, category, tags, metadata, metadataJsonBytes, sourceUrl);
  }
}
