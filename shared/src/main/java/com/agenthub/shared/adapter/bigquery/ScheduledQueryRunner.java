package com.agenthub.shared.adapter.bigquery;

import com.agenthub.shared.port.WarehouseException;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import com.agenthub.shared.warehouse.WarehouseDeclaration.ScheduledQueryDeclaration;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.QueryJobConfiguration;

/**
 * Runs a declared scheduled query where the Data Transfer Service does not exist (bigquery-local:
 * the local stack's scheduler and the tests): the same SQL file Terraform schedules, templated the
 * same way, as one script job.
 */
public final class ScheduledQueryRunner {

  private final BigQuery bigQuery;
  private final String projectId;
  private final WarehouseDeclaration declaration;

  public ScheduledQueryRunner(BigQuery bigQuery, String projectId, WarehouseDeclaration declaration) {
    this.bigQuery = bigQuery;
    this.projectId = projectId;
    this.declaration = declaration;
  }

  /** Runs every declared scheduled query once, in declaration order. */
  public void runAll() {
    declaration.scheduledQueries().forEach(this::run);
  }

  public void run(ScheduledQueryDeclaration query) {
    String sql = query.sql(projectId, declaration.dataset());
    try {
      bigQuery.query(QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).setUseQueryCache(false).build());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WarehouseException(WarehouseException.Reason.UNAVAILABLE, "interrupted running " + query.name(), e);
    } catch (RuntimeException e) {
      throw BigQueryErrors.translate("scheduled query " + query.name(), e);
    }
  }
}
