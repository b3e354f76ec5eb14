package com.agenthub.shared.knowledge;

import com.agenthub.shared.ids.ClientIds;
import java.util.List;
import java.util.Optional;

/**
 * An FAQ to create, valid on construction. A client-chosen {@code id} (a legacy id kept through a
 * migration, or for idempotent creation) makes a second create of the same FAQ return the first.
 */
public record NewFaq(Optional<String> id, String question, String answer, String category, List<String> tags) {

  public NewFaq {
    id.ifPresent(value -> ClientIds.require("id", value));
    question = FaqFields.question(question);
    answer = FaqFields.answer(answer);
    category = FaqFields.category(category);
    tags = FaqFields.tags(tags);
  }

  public NewFaq(String question, String answer, String category, List<String> tags) {
    this(Optional.empty(), question, answer, category, tags);
  }
}
