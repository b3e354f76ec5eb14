package com.agenthub.shared.knowledge;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import java.util.List;
import java.util.Optional;

/** The fields an update changes; absent ones stay. At least one must be given. */
public record FaqChanges(Optional<String> question, Optional<String> answer, Optional<String> category,
    Optional<List<String>> tags) {

  public FaqChanges {
    question = question.map(FaqFields::question);
    answer = answer.map(FaqFields::answer);
    category = category.map(FaqFields::category);
    tags = tags.map(FaqFields::tags);
    if (question.isEmpty() && answer.isEmpty() && category.isEmpty() && tags.isEmpty()) {
      throw ApiError.of(ErrorKind.UNPROCESSABLE, "an update must change at least one of question, answer, category, tags");
    }
  }
}
