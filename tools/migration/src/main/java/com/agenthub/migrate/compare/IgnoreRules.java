package com.agenthub.migrate.compare;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Fields that may legitimately differ during dual writing (shadow): {@code dictionary.field.path}
 * patterns where {@code *} matches one path segment (or one dictionary) and a trailing {@code **}
 * any rest, e.g. {@code agents.configuration.last_seen}, {@code *.updated_at},
 * {@code database.row.synced_at}, {@code counters.values.**}.
 */
public final class IgnoreRules {

  private final List<Pattern> patterns;

  public IgnoreRules(List<String> rules) {
    this.patterns = rules.stream().map(IgnoreRules::compile).toList();
  }

  private static Pattern compile(String rule) {
    StringBuilder regex = new StringBuilder();
    String[] parts = rule.split("\\.", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append("\\.");
      }
      regex.append(switch (parts[i]) {
        case "**" -> ".*";
        case "*" -> "[^.]+";
        default -> Pattern.quote(parts[i]);
      });
    }
    return Pattern.compile(regex.toString());
  }

  public boolean ignores(String dictionary, String field) {
    String path = dictionary + "." + field;
    return patterns.stream().anyMatch(p -> p.matcher(path).matches());
  }

  public boolean isEmpty() {
    return patterns.isEmpty();
  }
}
