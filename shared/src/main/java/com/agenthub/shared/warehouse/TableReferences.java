package com.agenthub.shared.warehouse;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the {@code {table}} tokens of a warehouse query into real table names. Only declared
 * tables and views may appear, so a query can never reach another dataset by name.
 */
public final class TableReferences {

  private static final Pattern TOKEN = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}");

  private TableReferences() {}

  /**
   * Replaces each {@code {name}} with {@code qualify.apply(name)}. Throws IllegalArgumentException
   * naming the first undeclared name.
   */
  public static String resolve(String sql, WarehouseDeclaration declaration, UnaryOperator<String> qualify) {
    Matcher matcher = TOKEN.matcher(sql);
    StringBuilder resolved = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!declaration.declares(name)) {
        throw new IllegalArgumentException("'" + name + "' is not a table or view declared in tables.json");
      }
      matcher.appendReplacement(resolved, Matcher.quoteReplacement(qualify.apply(name)));
    }
    matcher.appendTail(resolved);
    return resolved.toString();
  }
}
