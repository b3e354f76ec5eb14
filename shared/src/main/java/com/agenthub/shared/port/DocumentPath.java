package com.agenthub.shared.port;

import java.util.List;

/** The address of one document: alternating collection and document ids, e.g. organizations/o1/agents/a1. */
public record DocumentPath(List<String> segments) {

  public DocumentPath {
    segments = List.copyOf(segments);
    if (segments.isEmpty() || segments.size() % 2 != 0) {
      throw new IllegalArgumentException("a document path has an even, non-zero number of segments: " + segments);
    }
    segments.forEach(PathSegments::requireValid);
  }

  public static DocumentPath of(String... segments) {
    return new DocumentPath(List.of(segments));
  }

  public String id() {
    return segments.get(segments.size() - 1);
  }

  public CollectionPath parent() {
    return new CollectionPath(segments.subList(0, segments.size() - 1));
  }

  public CollectionPath collection(String name) {
    return new CollectionPath(append(name));
  }

  List<String> append(String segment) {
    var next = new java.util.ArrayList<>(segments);
    next.add(segment);
    return next;
  }

  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
