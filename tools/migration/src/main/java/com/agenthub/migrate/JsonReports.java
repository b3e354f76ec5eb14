package com.agenthub.migrate;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON files the commands leave behind (summary, verify and shadow reports): pretty, UTF-8, unicode as is. */
final class JsonReports {

  private JsonReports() {}

  static String pretty(JsonObject json) {
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json);
  }

  static void write(Path file, JsonObject json) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, pretty(json) + "\n", StandardCharsets.UTF_8);
  }
}
