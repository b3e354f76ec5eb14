package com.agenthub.shared.embeddings;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * What makes two texts "the same text" for the cache: Unicode NFC, whitespace runs collapsed to one
 * space, trimmed. Case is kept: the model itself distinguishes it.
 */
final class TextNormalization {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private TextNormalization() {}

  static String normalize(String text) {
    return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").strip();
  }
}
