// Starts bigquery-local (the BigQuery REST API over DuckDB) for the local stack and the tests.
// Usage: node server.mjs PORT   (0 picks a free port). Prints "bigquery-local listening on URL".
// Unlike the package's own CLI it binds 127.0.0.1 only, and it skips the DuckDB extensions
// (spatial, crypto) that the CLI downloads at start-up: this machine is offline, and we use
// neither GEOGRAPHY nor SHA512. insertAll takes a request's rows in multi-row statements
// (batched-insert-all.mjs).
import net from 'node:net';
import { DuckDBConnection } from '@duckdb/node-api';
import { createDb, ensureMetaSchema } from 'bigquery-local';
import { createServer } from './batched-insert-all.mjs';

const NEEDS_EXTENSION = /^\s*(INSTALL|LOAD)\s+(spatial|crypto)\b|MACRO\s+bq_st_/i;
const run = DuckDBConnection.prototype.run;
DuckDBConnection.prototype.run = function (sql, values, types) {
  if (typeof sql === 'string' && NEEDS_EXTENSION.test(sql)) {
    return Promise.resolve();
  }
  return values && INSERT.test(sql) ? runPrepared(this, sql, values, types) : run.call(this, sql, values, types);
};

// DuckDB's run(sql, values) prepares the statement anew each time; insertAll's INSERTs (100 rows a
// statement, or one when a statement is refused: batched-insert-all.mjs) repeat the same few SQL
// texts, so their prepared statements are kept, per connection and SQL text (when the package ran
// one INSERT per row, a 500-row insertAll cost ~0.70 s of CPU, ~0.41 s with them kept). An idle
// statement is reused, never one that is running; one that failed is dropped (DuckDB re-binds a
// kept one itself when a table it names changes).
const INSERT = /^\s*INSERT\s+INTO\b/i;
const KEPT_SQL_TEXTS = 512;
const idleByConnection = new WeakMap();
async function runPrepared(connection, sql, values, types) {
  let idle = idleByConnection.get(connection);
  if (idle === undefined) {
    idle = new Map();
    idleByConnection.set(connection, idle);
  }
  const statement = idle.get(sql)?.pop() ?? (await connection.createPrepared(sql));
  let result;
  try {
    statement.bind(values, types);
    result = await statement.run();
  } catch (err) {
    statement.destroySync();
    throw err;
  }
  keepIdle(idle, sql, statement);
  return result;
}
function keepIdle(idle, sql, statement) {
  const statements = idle.get(sql) ?? [];
  idle.delete(sql); // re-inserted last: the Map iterates least recently used first
  idle.set(sql, statements);
  statements.push(statement);
  if (idle.size > KEPT_SQL_TEXTS) {
    const [oldest, dropped] = idle.entries().next().value;
    idle.delete(oldest);
    dropped.forEach((s) => s.destroySync());
  }
}

// bigquery-local's listen(port) has no host argument: pin every listener to loopback.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  return typeof port === 'number' ? listen.call(this, port, '127.0.0.1', ...rest) : listen.call(this, port, ...rest);
};

const port = Number(process.argv[2] ?? 9050);
const db = await createDb({ path: ':memory:' });
await ensureMetaSchema(db);
// One thread: the queries here are small, and DuckDB's worker threads would compete with the
// functions and the emulators for this machine's cores (a 500-row insertAll: 0.37 -> 0.32 s of CPU).
await db.exec('SET threads TO 1');
const server = await createServer({ db });
await server.listen(port);
process.stdout.write(`bigquery-local listening on ${server.url.replace('localhost', '127.0.0.1')}\n`);

const stop = async () => {
  await server.close();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
