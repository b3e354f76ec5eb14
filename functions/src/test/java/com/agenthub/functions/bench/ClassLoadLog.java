package com.agenthub.functions.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads a {@code -Xlog:class+load} file: the classes loaded, counted by where they came from. */
final class ClassLoadLog {

  private ClassLoadLog() {}

  static List<String> lines(Path file) throws IOException {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.contains("[class,load]")).toList();
    }
  }

  /** "jdk (CDS)", "jdk", the jar or directory the class came from, or "generated". */
  static Map<String, Long> bySource(List<String> lines) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String line : lines) {
      int at = line.indexOf(" source: ");
      String source = at < 0 ? "?" : line.substring(at + 9).trim();
      String key;
      if (source.startsWith("shared objects file")) {
        key = source.contains("top") ? "AppCDS" : "jdk(CDS)";
      } else if (source.startsWith("jrt:/")) {
        key = "jdk";
      } else if (source.startsWith("file:") || source.startsWith("jar:file:")) {
        String path = source.replaceFirst("^(jar:)?file:", "").replaceAll("!/.*$", "").replaceAll("/$", "");
        key = path.endsWith(".jar") ? Path.of(path).getFileName().toString().replaceAll("\\.jar$", "")
            : Path.of(path).getParent().getFileName() + "/" + Path.of(path).getFileName();
      } else {
        key = "generated";
      }
      counts.merge(key, 1L, Long::sum);
    }
    return counts;
  }

  static String top(Map<String, Long> counts, int n) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    StringBuilder text = new StringBuilder();
    long rest = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (i < n) {
        text.append(i == 0 ? "" : ", ").append(entries.get(i).getKey()).append(' ').append(entries.get(i).getValue());
      } else {
        rest += entries.get(i).getValue();
      }
    }
    return rest == 0 ? text.toString() : text + ", other " + rest;
  }
}
