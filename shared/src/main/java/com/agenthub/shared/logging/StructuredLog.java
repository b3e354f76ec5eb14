package com.agenthub.shared.logging;

import com.agenthub.shared.json.Json;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * One JSON line on stdout per event, in the shape Cloud Logging parses (severity, message, and
 * any fields). For everything that is not a request line: consumers, relays, background work.
 */
public final class StructuredLog {

  public enum Severity { INFO, WARNING, ERROR }

  private StructuredLog() {}

  public static void info(String message, Map<String, ?> fields) {
    write(Severity.INFO, message, fields, null);
  }

  public static void warning(String message, Map<String, ?> fields) {
    write(Severity.WARNING, message, fields, null);
  }

  public static void error(String message, Map<String, ?> fields, Throwable cause) {
    write(Severity.ERROR, message, fields, cause);
  }

  public static void write(Severity severity, String message, Map<String, ?> fields, Throwable cause) {
    JsonObject line = new JsonObject();
    line.addProperty("severity", severity.name());
    line.addProperty("message", message);
    fields.forEach((name, value) -> line.add(name, Json.toJson(value)));
    if (cause != null) {
      StringWriter trace = new StringWriter();
      cause.printStackTrace(new PrintWriter(trace));
      line.addProperty("stack_trace", trace.toString());
    }
    System.out.println(Json.GSON.toJson(line));
  }
}
