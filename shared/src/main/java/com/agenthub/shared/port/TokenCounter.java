package com.agenthub.shared.port;

/** Counts the tokens an embedding model reads in a text, so chunks can be sized to its input limit. */
@FunctionalInterface
public interface TokenCounter {

  /** The model's tokens in {@code text}, without the markers the model adds around a whole input. */
  int count(String text);
}
