package com.agenthub.shared.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A document to create, valid on construction. {@code metadataJsonBytes} is the metadata's size on the wire. */
public record NewDocument(String title, String content, String category, List<String> tags, Map<String, Object> metadata,
    Optional<String> sourceUrl) {

  public NewDocument(String title, String content, String category, List<String> tags, Map<String, Object> metadata,
      int metadataJsonBytes, Optional<String> sourceUrl) {
    this(DocumentFields.title(title), DocumentFields.content(content), FaqFields.category(category), FaqFields.tags(tags),
        DocumentFields.metadata(metadata, metadataJsonBytes), sourceUrl.map(DocumentFields::sourceUrl));
  }
}
