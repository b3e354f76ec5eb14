package com.agenthub.shared.port;

import java.util.ArrayList;
import java.util.List;

/** The address of one collection: an odd number of segments, e.g. organizations/o1/agents. */
public record CollectionPath(List<String> segments) {

  public CollectionPath {
    segments = List.copyOf(segments);
    if (segments.size() % 2 != 1) {
      throw new IllegalArgumentException("a collection path has an odd number of segments: " + segments);
    }
    segments.forEach(PathSegments::requireValid);
  }

  public static CollectionPath of(String... segments) {
    return new CollectionPath(List.of(segments));
  }

  public DocumentPath document(String id) {
    var next = new ArrayList<>(segments);
    next.add(id);
    return new DocumentPath(next);
  }

  @Override
  public String toString() {
    return String.join("/", segments);
  }
}
