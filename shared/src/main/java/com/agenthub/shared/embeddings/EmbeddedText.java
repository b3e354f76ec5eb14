package com.agenthub.shared.embeddings;

/** One text's vector, and whether it came from the cache (no model call) rather than the model. */
public record EmbeddedText(float[] vector, boolean cacheHit) {}
