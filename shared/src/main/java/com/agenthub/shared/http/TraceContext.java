package com.agenthub.shared.http;

import com.google.cloud.functions.HttpRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The trace a request belongs to, from W3C {@code traceparent} or {@code X-Cloud-Trace-Context}. */
record TraceContext(Optional<String> traceId, Optional<String> spanId) {

  private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
  private static final Pattern CLOUD_TRACE = Pattern.compile("([0-9a-fA-F]{32})(?:/([0-9]{1,20}))?.*");

  static TraceContext of(HttpRequest request) {
    Optional<String> traceparent = ApiCall.header(request, "traceparent");
    if (traceparent.isPresent()) {
      Matcher m = TRACEPARENT.matcher(traceparent.get().trim());
      if (m.matches()) {
        return new TraceContext(Optional.of(m.group(1)), Optional.of(m.group(2)));
      }
    }
    Optional<String> cloud = ApiCall.header(request, "X-Cloud-Trace-Context");
    if (cloud.isPresent()) {
      Matcher m = CLOUD_TRACE.matcher(cloud.get().trim());
      if (m.matches()) {
        return new TraceContext(Optional.of(m.group(1).toLowerCase()), Optional.ofNullable(m.group(2)));
      }
    }
    return new TraceContext(Optional.empty(), Optional.empty());
  }
}
