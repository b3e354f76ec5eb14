package com.agenthub.shared.knowledge;

/** An FAQ that answers a user's question, and how well: cosine similarity of the two questions' embeddings. */
public record FaqMatch(Faq faq, double score) {}
