package com.agenthub.shared.adapter.bigquery;

import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.port.WarehouseException;
import com.agenthub.shared.port.WarehouseException.Reason;
import com.agenthub.shared.warehouse.TableReferences;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.DmlStats;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.InsertAllRequest;
import com.google.cloud.bigquery.InsertAllResponse;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The warehouse on BigQuery: legacy streaming inserts (insertAll, de-duplicated on each row's
 * insertId) and standard-SQL queries with named parameters over the declared tables and views.
 * A row that came back as a RowError must be corrected under a NEW insertId: bigquery-local
 * remembers the insertIds of refused rows too, and silently drops a retry under the same one.
 */
public final class BigQueryWarehouse implements Warehouse {

  /** How long a query may take end to end; a metrics request must not hang on the warehouse. */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

  /** Query threads are daemons so a stuck call never keeps a function instance (or a test JVM) alive. */
  private static final ExecutorService QUERIES = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "bigquery-query");
    thread.setDaemon(true);
    return thread;
  });

  private final BigQuery bigQuery;
  private final String projectId;
  private final WarehouseDeclaration declaration;
  private final Optional<ReadWriteLock> serialize;
  private final boolean useQueryCache;
  private final Duration queryTimeout;

  /**
   * {@code local}: the warehouse is bigquery-local, which needs two workarounds the real service
   * does not. A query runs alone, never beside another call: the package broke under calls side by
   * side ("Current transaction is aborted"). Inserts do run side by side, since
   * tools/bigquery-local takes an insertAll in autocommit multi-row statements (16 concurrent
   * insertAll with bad rows and queries among them, 20 rounds: every row stored once, every bad one
   * reported; serialized, they held the change stream to one insert at a time). And no query cache:
   * a SELECT that is still running when an insert lands stores its result after the insert cleared
   * the cache, and from then on every identical query answers that stale result until the next write.
   */
  public BigQueryWarehouse(BigQuery bigQuery, String projectId, WarehouseDeclaration declaration,
      boolean local, Duration queryTimeout) {
    this.bigQuery = bigQuery;
    this.projectId = projectId;
    this.declaration = declaration;
    this.serialize = local ? Optional.of(new ReentrantReadWriteLock(true)) : Optional.empty();
    this.useQueryCache = !local;
    this.queryTimeout = queryTimeout;
  }

  /** The production wiring, or bigquery-local when {@code localHost} is given. */
  public static BigQueryWarehouse connect(String projectId, Optional<String> localHost) {
    return new BigQueryWarehouse(BigQueryClients.create(projectId, localHost), projectId,
        WarehouseDeclaration.load(), BigQueryClients.isLocal(localHost), QUERY_TIMEOUT);
  }

  @Override
  public List<RowError> insert(String table, List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    InsertAllRequest.Builder request = InsertAllRequest.newBuilder(TableId.of(projectId, declaration.dataset(), table))
        // Bad rows are reported and the others stored, as the port promises (false would store none).
        .setSkipInvalidRows(true)
        .setIgnoreUnknownValues(false);
    for (Row row : rows) {
      request.addRow(row.insertId(), BigQueryValues.content(row.values()));
    }
    InsertAllResponse response = guarded("insert into " + table, serialize.map(ReadWriteLock::readLock),
        () -> bigQuery.insertAll(request.build()));
    List<RowError> errors = new ArrayList<>();
    response.getInsertErrors().forEach((index, rowErrors) -> errors.add(new RowError(index.intValue(), describe(rowErrors))));
    errors.sort(java.util.Comparator.comparingInt(RowError::index));
    return errors;
  }

  @Override
  public List<Map<String, Object>> query(String sql, Map<String, QueryParameter> parameters) {
    return run(sql, parameters, BigQueryWarehouse::plainRows);
  }

  @Override
  public long execute(String sql, Map<String, QueryParameter> parameters) {
    return run(sql, parameters, this::affectedRows);
  }

  /**
   * BigQuery answers the count with the statement; bigquery-local only in the job's statistics
   * (dmlStats), which the client reads from the job.
   */
  private long affectedRows(TableResult result) {
    if (result.getNumDmlAffectedRows() != null) {
      return result.getNumDmlAffectedRows();
    }
    Job job = result.getJobId() == null ? null : bigQuery.getJob(result.getJobId());
    JobStatistics.QueryStatistics statistics = job == null ? null : job.getStatistics();
    DmlStats dml = statistics == null ? null : statistics.getDmlStats();
    return dml == null ? 0 : Stream.of(dml.getInsertedRowCount(), dml.getUpdatedRowCount(), dml.getDeletedRowCount())
        .filter(Objects::nonNull).mapToLong(Long::longValue).sum();
  }

  /** Runs one statement (tables resolved, values as parameters) and reads what {@code read} takes of its result, all within the timeout. */
  private <T> T run(String sql, Map<String, QueryParameter> parameters, Function<TableResult, T> read) {
    String resolved;
    try {
      resolved = TableReferences.resolve(sql, declaration,
          name -> "`" + projectId + "." + declaration.dataset() + "." + name + "`");
    } catch (IllegalArgumentException e) {
      throw new WarehouseException(Reason.REJECTED, e.getMessage(), e);
    }
    QueryJobConfiguration.Builder config = QueryJobConfiguration.newBuilder(resolved)
        .setUseLegacySql(false)
        .setUseQueryCache(useQueryCache)
        .setJobTimeoutMs(queryTimeout.toMillis());
    parameters.forEach((name, value) -> config.addNamedParameter(name, BigQueryValues.parameter(value)));
    return guarded("query", serialize.map(ReadWriteLock::writeLock), () -> withinTimeout(() -> read.apply(bigQuery.query(config.build()))));
  }

  /** Reads every page inside the timed call, since later pages are further HTTP requests. */
  private static List<Map<String, Object>> plainRows(TableResult result) {
    FieldList fields = result.getSchema() == null ? FieldList.of() : result.getSchema().getFields();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (FieldValueList values : result.iterateAll()) {
      rows.add(BigQueryValues.row(fields, values));
    }
    return rows;
  }

  private <T> T withinTimeout(QueryCall<T> call) {
    Future<T> running = QUERIES.submit(call::run);
    try {
      return running.get(queryTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      running.cancel(true);
      throw new WarehouseException(Reason.UNAVAILABLE, "query took longer than " + queryTimeout, e);
    } catch (InterruptedException e) {
      running.cancel(true);
      Thread.currentThread().interrupt();
      throw new WarehouseException(Reason.UNAVAILABLE, "interrupted while querying", e);
    } catch (ExecutionException e) {
      throw BigQueryErrors.translate("query", e.getCause());
    }
  }

  /** The client's query call, which declares InterruptedException. */
  private interface QueryCall<T> {
    T run() throws InterruptedException;
  }

  /** Runs one client call under the lock (if any): an insert shares it, a query holds it alone; nothing the client throws leaves raw. */
  private static <T> T guarded(String what, Optional<Lock> lock, Supplier<T> call) {
    lock.ifPresent(Lock::lock);
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw BigQueryErrors.translate(what, e);
    } finally {
      lock.ifPresent(Lock::unlock);
    }
  }

  private static String describe(List<BigQueryError> errors) {
    return errors.stream()
        .map(e -> (e.getReason() == null ? "invalid" : e.getReason()) + ": " + e.getMessage()
            + (e.getLocation() == null || e.getLocation().isEmpty() ? "" : " (" + e.getLocation() + ")"))
        .reduce((a, b) -> a + "; " + b)
        .orElse("invalid");
  }
}
