package com.agenthub.shared.port;

/** Rules Firestore sets for collection and document ids, checked before any id reaches a path. */
final class PathSegments {

  private PathSegments() {}

  static void requireValid(String segment) {
    if (segment == null
        || segment.isEmpty()
        || segment.length() > 1500
        || segment.contains("/")
        || segment.equals(".")
        || segment.equals("..")
        || (segment.startsWith("__") && segment.endsWith("__"))) {
      throw new IllegalArgumentException("invalid path segment: " + segment);
    }
  }
}
