// Starts bigquery-local (the BigQuery REST API over DuckDB) for the local stack and the tests.
// Usage: node server.mjs PORT   (0 picks a free port). Prints "bigquery-local listening on URL".
// Unlike the package's own CLI it binds 127.0.0.1 only, and it skips the DuckDB extensions
// (spatial, crypto) that the CLI downloads at start-up: this machine is offline, and we use
// neither GEOGRAPHY nor SHA512.
import net from 'node:net';
import { DuckDBConnection } from '@duckdb/node-api';
import { createDb, createServer, ensureMetaSchema } from 'bigquery-local';

const NEEDS_EXTENSION = /^\s*(INSTALL|LOAD)\s+(spatial|crypto)\b|MACRO\s+bq_st_/i;
const run = DuckDBConnection.prototype.run;
DuckDBConnection.prototype.run = function (sql, ...rest) {
  return typeof sql === 'string' && NEEDS_EXTENSION.test(sql) ? Promise.resolve() : run.call(this, sql, ...rest);
};

// bigquery-local's listen(port) has no host argument: pin every listener to loopback.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  return typeof port === 'number' ? listen.call(this, port, '127.0.0.1', ...rest) : listen.call(this, port, ...rest);
};

const port = Number(process.argv[2] ?? 9050);
const db = await createDb({ path: ':memory:' });
await ensureMetaSchema(db);
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
