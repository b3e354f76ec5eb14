package com.agenthub.shared.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Text to index terms with Lucene's {@link EnglishAnalyzer} (Unicode word segmentation,
 * possessives, lowercase, English stop words, Porter stemming): the same analysis for documents
 * and queries, so "Running runners ran" and "run" meet on the same term. Thread-safe (Lucene
 * analyzers reuse their token streams per thread).
 */
final class KeywordAnalyzer {

  /** Longer tokens are noise (base64, hashes); Lucene's own default cut is 255. */
  static final int MAX_TERM_CHARS = 64;

  /** A text's terms: how often each occurs, and how many term occurrences in all (BM25's length). */
  record Terms(Map<String, Integer> frequencies, int length) {}

  private static final Analyzer ANALYZER = new EnglishAnalyzer();

  private KeywordAnalyzer() {}

  static Terms analyze(String text) {
    Map<String, Integer> frequencies = new LinkedHashMap<>();
    int length = 0;
    try (TokenStream stream = ANALYZER.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (term.length() <= MAX_TERM_CHARS) {
          frequencies.merge(term.toString(), 1, Integer::sum);
          length++;
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing text in memory failed", e);
    }
    return new Terms(frequencies, length);
  }
}
