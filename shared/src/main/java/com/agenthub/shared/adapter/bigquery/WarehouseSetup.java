package com.agenthub.shared.adapter.bigquery;

import com.agenthub.shared.port.WarehouseException;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import com.agenthub.shared.warehouse.WarehouseDeclaration.DeclaredColumn;
import com.agenthub.shared.warehouse.WarehouseDeclaration.TableDeclaration;
import com.agenthub.shared.warehouse.WarehouseDeclaration.ViewDeclaration;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Clustering;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.bigquery.TimePartitioning;

/**
 * Creates the declared warehouse where Terraform does not run (bigquery-local, tests): the dataset,
 * each table and aggregate with its schema, DAY partitioning and clustering, and each view. Safe to run again:
 * existing tables are left alone and views are replaced.
 */
public final class WarehouseSetup {

  private static final int ALREADY_EXISTS = 409;

  private final BigQuery bigQuery;
  private final String projectId;
  private final WarehouseDeclaration declaration;

  public WarehouseSetup(BigQuery bigQuery, String projectId, WarehouseDeclaration declaration) {
    this.bigQuery = bigQuery;
    this.projectId = projectId;
    this.declaration = declaration;
  }

  public void run() {
    try {
      createIfAbsent(() -> bigQuery.create(DatasetInfo.newBuilder(DatasetId.of(projectId, declaration.dataset())).build()));
      for (TableDeclaration table : declaration.tables()) {
        createIfAbsent(() -> bigQuery.create(tableInfo(table)));
      }
      for (TableDeclaration aggregate : declaration.aggregates()) {
        createIfAbsent(() -> bigQuery.create(tableInfo(aggregate)));
      }
      for (ViewDeclaration view : declaration.views()) {
        createView(view);
      }
    } catch (RuntimeException e) {
      throw BigQueryErrors.translate("warehouse setup", e);
    }
  }

  private TableInfo tableInfo(TableDeclaration table) {
    StandardTableDefinition definition = StandardTableDefinition.newBuilder()
        .setSchema(Schema.of(table.schema().stream().map(WarehouseSetup::field).toList()))
        // No partition expiration: bigquery-local cannot create or read such a table; Terraform sets retention.
        .setTimePartitioning(TimePartitioning.newBuilder(TimePartitioning.Type.DAY).setField(table.partitionField()).build())
        .setClustering(Clustering.newBuilder().setFields(table.clustering()).build())
        .build();
    return TableInfo.newBuilder(TableId.of(projectId, declaration.dataset(), table.name()), definition)
        .setDescription(table.description())
        .build();
  }

  private static Field field(DeclaredColumn column) {
    return Field.newBuilder(column.name(), LegacySQLTypeName.valueOfStrict(column.type()))
        .setMode(Field.Mode.valueOf(column.mode()))
        .setDescription(column.description())
        .build();
  }

  /** By DDL: the client's ViewDefinition fails on bigquery-local ("Table must have at least one column"). */
  private void createView(ViewDeclaration view) {
    String ddl = "CREATE OR REPLACE VIEW `" + projectId + "." + declaration.dataset() + "." + view.name() + "` AS\n"
        + view.sql(projectId, declaration.dataset());
    try {
      bigQuery.query(QueryJobConfiguration.newBuilder(ddl).setUseLegacySql(false).build());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WarehouseException(WarehouseException.Reason.UNAVAILABLE, "interrupted creating " + view.name(), e);
    }
  }

  private static void createIfAbsent(Runnable create) {
    try {
      create.run();
    } catch (BigQueryException e) {
      if (e.getCode() != ALREADY_EXISTS) {
        throw e;
      }
    }
  }

}
