package com.agenthub.shared.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.warehouse.WarehouseDeclaration.DeclaredColumn;
import com.agenthub.shared.warehouse.WarehouseDeclaration.TableDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The schema files Terraform applies and the row records the code writes describe the same
 * columns: a drift would make every insert of that table fail in production only.
 */
class WarehouseSchemaTest {

  private final WarehouseDeclaration declaration = WarehouseDeclaration.load();

  @Test
  void everyDeclaredTableHasARowTypeAndEveryRowTypeATable() {
    Set<String> declared = declaration.tables().stream().map(TableDeclaration::name).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(declared, new TreeSet<>(TableRows.all().keySet()));
  }

  @Test
  void everyRowTypeMatchesItsSchemaFileColumnForColumn() {
    List<String> mismatches = new ArrayList<>();
    for (TableDeclaration table : declaration.tables()) {
      mismatches.addAll(mismatches(table.name(), table.schema()));
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void everyTableIsPartitionedAndClusteredOnItsOwnColumns() {
    for (TableDeclaration table : declaration.tables()) {
      List<String> names = table.schema().stream().map(DeclaredColumn::name).toList();
      assertTrue(names.contains(table.partitionField()), table.name() + ": " + table.partitionField());
      assertTrue(names.containsAll(table.clustering()), table.name() + ": " + table.clustering());
    }
  }

  @Test
  void theComparisonCatchesARenamedColumn() {
    assertCaught("agents", "\"name\": \"industry\"", "\"name\": \"sector\"");
  }

  @Test
  void theComparisonCatchesAChangedType() {
    assertCaught("agent_counter_changes", "\"name\": \"delta\", \"type\": \"INTEGER\"", "\"name\": \"delta\", \"type\": \"FLOAT\"");
  }

  @Test
  void theComparisonCatchesARequiredColumnMadeNullable() {
    assertCaught("organizations", "\"name\": \"name\", \"type\": \"STRING\", \"mode\": \"REQUIRED\"",
        "\"name\": \"name\", \"type\": \"STRING\", \"mode\": \"NULLABLE\"");
  }

  /** Seeds one mistake into an in-memory copy of a schema file and expects exactly that table to mismatch. */
  private void assertCaught(String table, String original, String mistaken) {
    String text = WarehouseDeclaration.schemaText(table);
    assertTrue(text.contains(original), "the seed no longer applies to " + table + ": " + original);
    List<String> mismatches = mismatches(table, WarehouseDeclaration.parseSchema(text.replace(original, mistaken)));
    assertFalse(mismatches.isEmpty(), "a seeded mistake in " + table + " went unnoticed");
  }

  private static List<String> mismatches(String table, List<DeclaredColumn> schema) {
    List<Rows.Column> fromFile = schema.stream().map(DeclaredColumn::column).toList();
    List<Rows.Column> fromRecord = TableRows.of(table).map(Rows::columns).orElse(List.of());
    return fromFile.equals(fromRecord) ? List.of() : List.of(table + ": schema file " + fromFile + " but row record " + fromRecord);
  }
}
