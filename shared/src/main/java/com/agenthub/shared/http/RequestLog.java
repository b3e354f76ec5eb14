package com.agenthub.shared.http;

import com.agenthub.shared.ids.ZeroPadded;
import com.agenthub.shared.json.Json;
import com.google.gson.JsonObject;
import java.util.Optional;

/**
 * One structured JSON line per request on stdout, in the shape Cloud Logging parses: severity,
 * message, trace, httpRequest. It never carries credentials, bodies or query strings. The latency is
 * also a number ({@code latency_ms}): Cloud Logging lifts {@code httpRequest} out of the payload and
 * keeps its latency as a duration string, which a log-based distribution metric and the BigQuery
 * system-metrics views (terraform/logging.tf) cannot compute with.
 */
final class RequestLog {

  private static final String PROJECT = Optional.ofNullable(System.getenv("GOOGLE_CLOUD_PROJECT")).orElse("local");

  private RequestLog() {}

  static void write(String function, String method, int status, long latencyNanos, TraceContext trace,
      Optional<String> executionId, Optional<String> organizationId, Optional<String> errorCode,
      Optional<String> errorMessage, Optional<Throwable> defect) {
    JsonObject line = new JsonObject();
    line.addProperty("severity", status >= 500 ? "ERROR" : status >= 400 ? "WARNING" : "INFO");
    line.addProperty("message", function + " " + method + " " + status
        + errorMessage.map(m -> ": " + m).orElse(""));
    line.addProperty("function", function);
    line.addProperty("latency_ms", Math.round(latencyNanos / 1e3) / 1e3);
    organizationId.ifPresent(org -> line.addProperty("organization_id", org));
    errorCode.ifPresent(code -> line.addProperty("error_code", code));
    executionId.ifPresent(id -> line.addProperty("execution_id", id));
    trace.traceId().ifPresent(id -> line.addProperty("logging.googleapis.com/trace", "projects/" + PROJECT + "/traces/" + id));
    trace.spanId().ifPresent(id -> line.addProperty("logging.googleapis.com/spanId", id));
    JsonObject http = new JsonObject();
    http.addProperty("requestMethod", method);
    http.addProperty("status", status);
    long micros = Math.round(latencyNanos / 1e3);
    http.addProperty("latency", micros / 1_000_000 + "." + ZeroPadded.of(micros % 1_000_000, 6) + "s");
    line.add("httpRequest", http);
    defect.ifPresent(t -> line.addProperty("stack_trace", stackTrace(t)));
    System.out.println(Json.GSON.toJson(line));
  }

  private static String stackTrace(Throwable t) {
    java.io.StringWriter text = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(text));
    return text.toString();
  }
}
