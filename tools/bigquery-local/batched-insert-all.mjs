// bigquery-local's routes with tabledata.insertAll taking a request's rows in multi-row INSERTs.
//
// Why: with skipInvalidRows (what the product's ingestion sends) the package inserts one row per
// statement, and a DuckDB statement costs ~0.5 ms of CPU whatever its size: a 500-row request took
// ~0.35 s, and after a 10k-record import the change stream spent ~12 s catching up. One statement of
// 100 rows costs about what one row did. The semantics stay the package's: every row on its own —
// when a multi-row statement fails (a NOT NULL column, a bad cast), its rows are inserted one by one
// as the package does, so exactly the bad ones are reported and the others kept. Requests without
// skipInvalidRows (one transaction in the package) and with templateSuffix go to the package's route.
//
// The package (pinned in package-lock.json) exports only createServer; the modules below are its
// own, imported by file so that they are the same instances its server uses.
const dist = new URL('.', import.meta.resolve('bigquery-local'));
const own = (path) => import(new URL(path, dist).href);
const { createRouterServer } = await own('./server.js');
const { discoveryRoutes } = await own('./routes/discovery.js');
const { createProjectRoutes } = await own('./routes/projects.js');
const { createDatasetRoutes } = await own('./routes/datasets.js');
const { createTableRoutes, qualifiedTableName, isIngestionTimePartitioned, partitionTruncUnit, PARTITION_TIME_COLUMN } =
  await own('./routes/tables.js');
const { createTabledataRoutes, InsertIdDedup } = await own('./routes/tabledata.js');
const { createQueriesRoutes } = await own('./routes/queries.js');
const { createJobsRoutes } = await own('./routes/jobs.js');
const { createRoutineRoutes } = await own('./routes/routines.js');
const { createModelRoutes } = await own('./routes/models.js');
const { getTable } = await own('./storage/meta.js');
const { bqInsertExpression, bqValueToDuck } = await own('./storage/types.js');
const { invalidateQueryCache } = await own('./sql/queryEngine.js');

/** Rows per INSERT statement: the SQL texts stay few (kept prepared by server.mjs) and bounded in size. */
export const ROWS_PER_STATEMENT = 100;
const INSERT_ALL = '/projects/{p}/datasets/{d}/tables/{t}/insertAll';

/** The package's createServer, with insertAll batched (above). */
export function createServer({ db }) {
  const dedup = new InsertIdDedup();
  const tabledata = createTabledataRoutes(db, { dedup }).map((route) =>
    route.method === 'POST' && route.path === INSERT_ALL ? { ...route, handler: batched(db, dedup, route.handler) } : route);
  const inner = createRouterServer({
    routes: [
      ...discoveryRoutes,
      ...createProjectRoutes(db),
      ...createDatasetRoutes(db),
      ...createTableRoutes(db),
      ...tabledata,
      ...createQueriesRoutes(db),
      ...createJobsRoutes(db),
      ...createRoutineRoutes(db),
      ...createModelRoutes(db),
    ],
  });
  return {
    listen: (port) => inner.listen(port),
    close: () => inner.close(),
    get url() {
      return inner.url;
    },
  };
}

function batched(db, dedup, packageHandler) {
  return async (req) => {
    const body = req.body;
    const meta = skipsInvalidRows(body)
      ? await getTable(db, req.params['p'], req.params['d'], req.params['t'])
      : null;
    if (meta === null) {
      return packageHandler(req); // its errors (not found, malformed body) and its other modes
    }
    const fields = meta.schema?.fields ?? [];
    const names = new Set(fields.map((f) => f.name));
    const tableKey = `${meta.project}:${meta.datasetId}:${meta.tableId}`;
    const now = Date.now();
    const outcomes = body.rows.map((row, index) =>
      row.insertId !== undefined && dedup.seenOrRecord(tableKey, row.insertId, now)
        ? { index }
        : encodeRow(row.json, fields, names, body.ignoreUnknownValues === true, index));
    const valid = outcomes.filter((o) => o.values !== undefined);
    for (let from = 0; from < valid.length; from += ROWS_PER_STATEMENT) {
      await insert(db, meta, fields, valid.slice(from, from + ROWS_PER_STATEMENT), outcomes);
    }
    const insertErrors = outcomes.filter((o) => o.error !== undefined).map((o) => ({ index: o.index, errors: [o.error] }));
    if (insertErrors.length < outcomes.length) {
      invalidateQueryCache();
    }
    const response = { kind: 'bigquery#tableDataInsertAllResponse' };
    return { status: 200, body: insertErrors.length === 0 ? response : { ...response, insertErrors } };
  };
}

/** The shape the batched path takes: rows of {insertId?: string, json: object}, skipInvalidRows, no templateSuffix. */
function skipsInvalidRows(body) {
  return body !== null && typeof body === 'object' && body.skipInvalidRows === true
    && (body.templateSuffix === undefined || body.templateSuffix === null || body.templateSuffix === '')
    && (body.ignoreUnknownValues === undefined || body.ignoreUnknownValues === null || typeof body.ignoreUnknownValues === 'boolean')
    && Array.isArray(body.rows)
    && body.rows.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row)
      && (row.insertId === undefined || typeof row.insertId === 'string')
      && row.json !== null && typeof row.json === 'object' && !Array.isArray(row.json));
}

/** As the package validates and encodes a row: an unknown field (unless ignored) or a value its type refuses is that row's error. */
function encodeRow(json, fields, names, ignoreUnknownValues, index) {
  if (!ignoreUnknownValues) {
    const unknown = Object.keys(json).find((key) => !names.has(key));
    if (unknown !== undefined) {
      return { index, error: { reason: 'invalid', message: `Row has unknown field "${unknown}". Set ignoreUnknownValues=true to drop it.`, location: unknown } };
    }
  }
  try {
    return { index, values: fields.map((f) => bqValueToDuck(json[f.name], f)) };
  } catch (err) {
    return { index, error: { reason: 'invalid', message: err instanceof Error ? err.message : 'Row encoding failed.' } };
  }
}

/** One statement for the rows; if DuckDB refuses it, each row alone, its error kept in outcomes. */
async function insert(db, meta, fields, rows, outcomes) {
  try {
    await db.exec(insertSql(meta, fields, rows.length), rows.flatMap((o) => o.values));
    return;
  } catch {
    // one of the rows is bad: find which, as the package does
  }
  const single = insertSql(meta, fields, 1);
  for (const outcome of rows) {
    try {
      await db.exec(single, outcome.values);
    } catch (err) {
      outcomes[outcome.index] = { index: outcome.index, error: { reason: 'invalid', message: err instanceof Error ? err.message : 'Insert failed.' } };
    }
  }
}

function insertSql(meta, fields, rowCount) {
  const columns = fields.map((f) => quoteIdent(f.name));
  const partitioned = isIngestionTimePartitioned(meta.partitioning);
  if (partitioned) {
    columns.push(quoteIdent(PARTITION_TIME_COLUMN));
  }
  const tuples = [];
  for (let row = 0; row < rowCount; row++) {
    const values = fields.map((f, i) => bqInsertExpression(row * fields.length + i + 1, f));
    if (partitioned) {
      values.push(`date_trunc('${partitionTruncUnit(meta.partitioning.type)}', CURRENT_TIMESTAMP)`);
    }
    tuples.push(`(${values.join(', ')})`);
  }
  return `INSERT INTO ${qualifiedTableName(meta.project, meta.datasetId, meta.tableId)} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`;
}

function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
