package com.agenthub.shared.knowledge;

import com.agenthub.shared.port.TokenCounter;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a document into chunks an embedding model reads whole: paragraphs (blank lines) and
 * sentences (the JDK's {@link BreakIterator}, Unicode UAX #29) are never cut while one fits, a
 * sentence longer than a chunk is cut between words, and each chunk repeats the last sentences of
 * the one before (up to {@code overlapTokens}) so a passage cut at a boundary is still found whole.
 * Sizes are counted with the model's own tokenizer. Chunks keep exact offsets into the content —
 * why this is not langchain4j's recursive splitter, which rewrites whitespace and reports none.
 */
public final class Chunker {

  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n\\s*");

  private final TokenCounter tokens;
  private final int overlapTokens;

  public Chunker(TokenCounter tokens, int overlapTokens) {
    this.tokens = tokens;
    this.overlapTokens = overlapTokens;
  }

  public TokenCounter tokens() {
    return tokens;
  }

  /** A sentence (or a piece of a long one), within one paragraph. */
  private record Unit(int start, int end, int tokens, boolean endsParagraph) {}

  /** The chunks of {@code content}, each at most {@code maxTokens} of the model's tokens. */
  public List<Chunk> split(String content, int maxTokens) {
    List<Unit> units = units(content, maxTokens);
    List<Chunk> chunks = new ArrayList<>();
    int first = 0;
    while (first < units.size()) {
      int last = first;
      int size = units.get(first).tokens();
      // Greedy by sentence; a paragraph end closes a chunk that is already more than half full.
      while (last + 1 < units.size() && size + units.get(last + 1).tokens() <= maxTokens
          && !(units.get(last).endsParagraph() && size > maxTokens / 2)) {
        last++;
        size += units.get(last).tokens();
      }
      Unit from = units.get(first);
      Unit to = units.get(last);
      chunks.add(new Chunk(chunks.size(), from.start(), to.end(), content.substring(from.start(), to.end())));
      if (last + 1 >= units.size()) {
        break;
      }
      // The next chunk starts with the trailing sentences of this one that fit the overlap, never all of them.
      int next = last + 1;
      int overlap = 0;
      while (next - 1 > first && overlap + units.get(next - 1).tokens() <= overlapTokens
          && units.get(next - 1).tokens() + size(units, next, maxTokens) <= maxTokens) {
        next--;
        overlap += units.get(next).tokens();
      }
      first = next;
    }
    return chunks;
  }

  /** Tokens of the unit at {@code index}, or 0 past the end. */
  private static int size(List<Unit> units, int index, int maxTokens) {
    return index < units.size() ? Math.min(units.get(index).tokens(), maxTokens) : 0;
  }

  private List<Unit> units(String content, int maxTokens) {
    List<Unit> units = new ArrayList<>();
    Matcher breaks = PARAGRAPH_BREAK.matcher(content);
    int paragraphStart = 0;
    while (true) {
      boolean found = breaks.find();
      int paragraphEnd = found ? breaks.start() : content.length();
      sentences(content, paragraphStart, paragraphEnd, maxTokens, units);
      if (!found) {
        return units;
      }
      paragraphStart = breaks.end();
    }
  }

  private void sentences(String content, int from, int to, int maxTokens, List<Unit> units) {
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    sentences.setText(content.substring(from, to));
    int before = units.size();
    for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
      int[] span = trimmed(content, from + start, from + end);
      if (span[0] < span[1]) {
        int count = tokens.count(content.substring(span[0], span[1]));
        if (count <= maxTokens) {
          units.add(new Unit(span[0], span[1], count, false));
        } else {
          words(content, span[0], span[1], maxTokens, units);
        }
      }
    }
    if (units.size() > before) {
      Unit last = units.remove(units.size() - 1);
      units.add(new Unit(last.start(), last.end(), last.tokens(), true));
    }
  }

  /** A sentence too long for one chunk, cut between words into pieces that fit. */
  private void words(String content, int from, int to, int maxTokens, List<Unit> units) {
    BreakIterator words = BreakIterator.getWordInstance(Locale.ROOT);
    words.setText(content.substring(from, to));
    int pieceStart = from;
    int pieceTokens = 0;
    for (int start = words.first(), end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
      String word = content.substring(from + start, from + end);
      int count = word.isBlank() ? 0 : tokens.count(word);
      if (pieceTokens + count > maxTokens && pieceTokens > 0) {
        int[] span = trimmed(content, pieceStart, from + start);
        units.add(new Unit(span[0], span[1], pieceTokens, false));
        pieceStart = from + start;
        pieceTokens = 0;
      }
      if (count > maxTokens) {
        // One "word" longer than a chunk (a run of symbols): cut it by characters.
        int step = Math.max(1, word.length() * maxTokens / count / 2);
        for (int at = 0, end2; at < word.length(); at = end2) {
          end2 = Math.min(word.length(), at + step);
          if (end2 < word.length() && Character.isHighSurrogate(word.charAt(end2 - 1))) {
            end2++; // never split a surrogate pair
          }
          units.add(new Unit(from + start + at, from + start + end2, tokens.count(word.substring(at, end2)), false));
        }
        pieceStart = from + end;
        continue;
      }
      pieceTokens += count;
    }
    int[] span = trimmed(content, pieceStart, to);
    if (span[0] < span[1]) {
      units.add(new Unit(span[0], span[1], pieceTokens, false));
    }
  }

  private static int[] trimmed(String content, int start, int end) {
    while (start < end && Character.isWhitespace(content.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
      end--;
    }
    return new int[] {start, end};
  }
}
