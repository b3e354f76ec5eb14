package com.agenthub.shared.knowledge;

import com.agenthub.shared.errors.ApiError;
import java.util.Arrays;
import java.util.Locale;

/** How SearchKnowledge ranks: by meaning, by words (BM25), or both fused (Reciprocal Rank Fusion). */
public enum SearchMode {
  VECTOR, KEYWORD, HYBRID;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SearchMode parse(String value) {
    return Arrays.stream(values()).filter(mode -> mode.wire().equals(value)).findFirst()
        .orElseThrow(() -> ApiError.invalid("mode", "'mode' must be one of vector, keyword, hybrid"));
  }
}
