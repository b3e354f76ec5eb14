package com.agenthub.shared.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.embeddings.MiniLmTokenCounter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunks sized by the model's own tokenizer, cut at paragraphs and sentences, overlapping, with exact offsets. */
class ChunkerTest {

  private static final MiniLmTokenCounter TOKENS = new MiniLmTokenCounter();
  private final Chunker chunker = new Chunker(TOKENS, 32);

  @Test
  void aShortTextIsOneChunkWithExactOffsets() {
    String content = "  Refunds are paid within 30 days.\n\nShipping takes three days.  ";
    List<Chunk> chunks = chunker.split(content, 254);
    assertEquals(1, chunks.size());
    Chunk only = chunks.get(0);
    assertEquals(content.substring(only.start(), only.end()), only.text());
    assertEquals("Refunds are paid within 30 days.\n\nShipping takes three days.", only.text());
  }

  @Test
  void aLongTextIsCutAtSentencesWithinTheTokenLimitAndOverlaps() {
    StringBuilder content = new StringBuilder();
    for (int p = 0; p < 12; p++) {
      for (int s = 0; s < 6; s++) {
        content.append("Paragraph ").append(p).append(" sentence ").append(s)
            .append(" explains how the warehouse ships parcels to customers on time. ");
      }
      content.append("\n\n");
    }
    String text = content.toString();
    List<Chunk> chunks = chunker.split(text, 120);
    assertTrue(chunks.size() > 5, "cut into several chunks: " + chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      assertEquals(i, chunk.position());
      assertEquals(text.substring(chunk.start(), chunk.end()), chunk.text());
      assertTrue(TOKENS.count(chunk.text()) <= 120, "within the limit: " + TOKENS.count(chunk.text()));
      assertTrue(chunk.text().startsWith("Paragraph "), "starts at a sentence: " + chunk.text());
      assertTrue(chunk.text().endsWith("on time."), "ends at a sentence: " + chunk.text());
      if (i > 0) {
        assertTrue(chunk.start() < chunks.get(i - 1).end(), "overlaps the chunk before");
        assertTrue(chunk.start() > chunks.get(i - 1).start(), "and moves on");
      }
    }
    assertEquals(text.strip().length(), chunks.get(chunks.size() - 1).end(), "the last chunk reaches the end");
  }

  @Test
  void aSentenceLongerThanAChunkIsCutBetweenWordsAndABlobByCharacters() {
    String longSentence = "word ".repeat(600).strip();
    List<Chunk> chunks = chunker.split(longSentence, 100);
    assertTrue(chunks.size() >= 6, "600 words in pieces of at most 100 tokens: " + chunks.size());
    chunks.forEach(chunk -> assertTrue(TOKENS.count(chunk.text()) <= 100, chunk.text()));
    String blob = "x9Q".repeat(3000);
    List<Chunk> pieces = chunker.split(blob, 100);
    pieces.forEach(chunk -> assertTrue(TOKENS.count(chunk.text()) <= 100, "piece of " + chunk.text().length() + " chars"));
    assertEquals(blob.length(), pieces.get(pieces.size() - 1).end());
  }
}
