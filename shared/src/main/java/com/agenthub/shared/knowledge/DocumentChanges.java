package com.agenthub.shared.knowledge;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The fields an update changes; absent ones stay. At least one must be given. */
public record DocumentChanges(Optional<String> title, Optional<String> content, Optional<String> category,
    Optional<List<String>> tags, Optional<Map<String, Object>> metadata, Optional<String> sourceUrl) {

  public DocumentChanges(Optional<String> title, Optional<String> content, Optional<String> category,
      Optional<List<String>> tags, Optional<Map<String, Object>> metadata, int metadataJsonBytes, Optional<String> sourceUrl) {
    this(title.map(DocumentFields::title), content.map(DocumentFields::content), category.map(FaqFields::category),
        tags.map(FaqFields::tags), metadata.map(m -> DocumentFields.metadata(m, metadataJsonBytes)),
        sourceUrl.map(DocumentFields::sourceUrl));
    if (title.isEmpty() && content.isEmpty() && category.isEmpty() && tags.isEmpty() && metadata.isEmpty() && sourceUrl.isEmpty()) {
      throw ApiError.of(ErrorKind.UNPROCESSABLE,
          "an update must change at least one of title, content, category, tags, metadata, source_url");
    }
  }

  /** Whether the chunks must be indexed again: their text, or what filters them, changed. */
  boolean reindexes() {
    return title.isPresent() || content.isPresent() || category.isPresent() || tags.isPresent();
  }
}
