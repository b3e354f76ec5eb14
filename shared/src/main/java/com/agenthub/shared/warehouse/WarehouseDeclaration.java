package com.agenthub.shared.warehouse;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The warehouse as {@code terraform/bigquery} declares it (copied onto the classpath under
 * {@code bigquery/}): one dataset, its tables with their schema files, its views' SQL, the
 * aggregate tables that scheduled queries fill, and those queries' SQL. Terraform reads the same
 * files, so what tests and the local stack create and run is what production has.
 */
public record WarehouseDeclaration(String dataset, List<TableDeclaration> tables, List<ViewDeclaration> views,
    List<TableDeclaration> aggregates, List<ScheduledQueryDeclaration> scheduledQueries) {

  private static final String ROOT = "bigquery/";

  public WarehouseDeclaration {
    tables = List.copyOf(tables);
    views = List.copyOf(views);
    aggregates = List.copyOf(aggregates);
    scheduledQueries = List.copyOf(scheduledQueries);
  }

  /** One column of a schema file. */
  public record DeclaredColumn(String name, String type, String mode, String description) {
    public Rows.Column column() {
      return new Rows.Column(name, type, mode);
    }
  }

  /** A table: its schema, the TIMESTAMP column it is partitioned by (DAY), and its clustering. */
  public record TableDeclaration(String name, String partitionField, List<String> clustering, String description,
      List<DeclaredColumn> schema) {
    public TableDeclaration {
      clustering = List.copyOf(clustering);
      schema = List.copyOf(schema);
    }

    public List<Rows.Column> columns() {
      return schema.stream().map(DeclaredColumn::column).toList();
    }
  }

  /** A view: its SQL with {@code ${project_id}} and {@code ${dataset_id}} placeholders, as Terraform templates it. */
  public record ViewDeclaration(String name, String description, String sqlTemplate) {
    public String sql(String projectId, String datasetId) {
      return sqlTemplate.replace("${project_id}", projectId).replace("${dataset_id}", datasetId);
    }
  }

  /**
   * A BigQuery scheduled query: its schedule (the Data Transfer Service's syntax), how many days
   * back each run recomputes, and its SQL with {@code ${project_id}}, {@code ${dataset_id}} and
   * {@code ${recompute_days}} placeholders, as Terraform templates it.
   */
  public record ScheduledQueryDeclaration(String name, String description, String schedule, int recomputeDays,
      String sqlTemplate) {
    public String sql(String projectId, String datasetId) {
      return sqlTemplate.replace("${project_id}", projectId).replace("${dataset_id}", datasetId)
          .replace("${recompute_days}", Integer.toString(recomputeDays));
    }
  }

  /** Reads the declaration from the classpath; a missing or malformed file is a build defect. */
  public static WarehouseDeclaration load() {
    JsonObject root = JsonParser.parseString(resource("tables.json")).getAsJsonObject();
    List<ViewDeclaration> views = new ArrayList<>();
    for (JsonElement element : root.getAsJsonArray("views")) {
      JsonObject view = element.getAsJsonObject();
      String name = view.get("name").getAsString();
      views.add(new ViewDeclaration(name, text(view, "description"), resource("views/" + name + ".sql")));
    }
    List<ScheduledQueryDeclaration> scheduled = new ArrayList<>();
    for (JsonElement element : root.getAsJsonArray("scheduled_queries")) {
      JsonObject query = element.getAsJsonObject();
      String name = query.get("name").getAsString();
      scheduled.add(new ScheduledQueryDeclaration(name, text(query, "description"), query.get("schedule").getAsString(),
          query.get("recompute_days").getAsInt(), resource("scheduled_queries/" + name + ".sql")));
    }
    return new WarehouseDeclaration(root.get("dataset").getAsString(), tables(root.getAsJsonArray("tables")), views,
        tables(root.getAsJsonArray("aggregates")), scheduled);
  }

  public Optional<TableDeclaration> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Whether {@code name} is a declared table, view or aggregate: the only names queries may refer to. */
  public boolean declares(String name) {
    return table(name).isPresent() || views.stream().anyMatch(v -> v.name().equals(name))
        || aggregates.stream().anyMatch(a -> a.name().equals(name));
  }

  private static List<TableDeclaration> tables(JsonArray declared) {
    List<TableDeclaration> tables = new ArrayList<>();
    for (JsonElement element : declared) {
      JsonObject table = element.getAsJsonObject();
      String name = table.get("name").getAsString();
      tables.add(new TableDeclaration(name, table.get("partition_field").getAsString(),
          strings(table.getAsJsonArray("clustering")), text(table, "description"), schema(name)));
    }
    return tables;
  }

  /** Parses one schema file; public so tests can check a seeded mistake the same way. */
  public static List<DeclaredColumn> parseSchema(String json) {
    List<DeclaredColumn> columns = new ArrayList<>();
    for (JsonElement element : JsonParser.parseString(json).getAsJsonArray()) {
      JsonObject column = element.getAsJsonObject();
      columns.add(new DeclaredColumn(column.get("name").getAsString(), column.get("type").getAsString(),
          column.has("mode") ? column.get("mode").getAsString() : "NULLABLE", text(column, "description")));
    }
    return columns;
  }

  /** The text of a schema file, for tests that seed a mistake into a copy. */
  public static String schemaText(String table) {
    return resource("schemas/" + table + ".json");
  }

  private static List<DeclaredColumn> schema(String table) {
    return parseSchema(schemaText(table));
  }

  private static List<String> strings(JsonArray array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(e -> values.add(e.getAsString()));
    }
    return values;
  }

  private static String text(JsonObject object, String field) {
    return object.has(field) ? object.get(field).getAsString() : "";
  }

  private static String resource(String path) {
    try (InputStream in = WarehouseDeclaration.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + ROOT + path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + path, e);
    }
  }
}
