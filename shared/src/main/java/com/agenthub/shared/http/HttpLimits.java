package com.agenthub.shared.http;

/** Request limits every function enforces; documented in openapi.yaml and README. */
public final class HttpLimits {

  /** Largest accepted request body (1 MiB, Firestore's document ceiling); larger gets 413. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Deepest accepted JSON nesting; Firestore itself allows maps 20 levels deep. */
  public static final int MAX_JSON_DEPTH = 16;

  private HttpLimits() {}
}
