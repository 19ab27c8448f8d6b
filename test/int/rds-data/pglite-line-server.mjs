// A PostgreSQL (PGlite) in a process of its own, answering one JSON request per line on stdin with one JSON line on
// stdout: { sql, params } -> { rows } or { error }. Jest's module sandbox cannot load PGlite's dynamic imports, so
// the int tests reach it here. Rows are read as text (every parser off), so the test sees what PostgreSQL stored.
import { createInterface } from 'node:readline';
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create();
const asText = (value) => value;
const parsers = Object.fromEntries(Array.from({ length: 5000 }, (_, oid) => [oid, asText]));
const lines = createInterface({ input: process.stdin });
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
for await (const line of lines) {
  const { sql, params } = JSON.parse(line);
  try {
    const result = await db.query(sql, params ?? [], { parsers });
    process.stdout.write(`${JSON.stringify({ rows: result.rows })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: error.message })}\n`);
  }
}
await db.close();
