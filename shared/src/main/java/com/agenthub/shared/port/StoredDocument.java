package com.agenthub.shared.port;

import java.util.Map;
import java.util.Optional;

/**
 * A document as read from the store. Values are plain Java: String, Long, Double, Boolean,
 * java.time.Instant, Map&lt;String, Object&gt;, List&lt;Object&gt; or null.
 */
public record StoredDocument(DocumentPath path, Map<String, Object> data, Version version) {

  public StoredDocument {
    data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }

  public String id() {
    return path.id();
  }

  public Optional<Object> field(String name) {
    return Optional.ofNullable(data.get(name));
  }

  public String string(String name) {
    Object value = data.get(name);
    return value == null ? null : value.toString();
  }

  public long longValue(String name) {
    Object value = data.get(name);
    return value instanceof Number n ? n.longValue() : 0L;
  }

  public java.time.Instant instant(String name) {
    return (java.time.Instant) data.get(name);
  }
}
