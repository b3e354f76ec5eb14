package com.agenthub.shared.knowledge;

import java.util.List;

/** An FAQ to create, valid on construction. */
public record NewFaq(String question, String answer, String category, List<String> tags) {

  public NewFaq {
    question = FaqFields.question(question);
    answer = FaqFields.answer(answer);
    category = FaqFields.category(category);
    tags = FaqFields.tags(tags);
  }
}
