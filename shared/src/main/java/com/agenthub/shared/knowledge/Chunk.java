package com.agenthub.shared.knowledge;

/**
 * One piece of a document as it is embedded and indexed: its position, where it lies in the
 * content ({@code start} inclusive, {@code end} exclusive, in UTF-16 chars as Java and JSON
 * strings count), and its text.
 */
public record Chunk(int position, int start, int end, String text) {}
