/**
 * The worker thread that hosts PGlite, as plain JavaScript run with `eval`. PGlite loads its WebAssembly and
 * Node modules with dynamic `import()`, which test runners' module sandboxes (jest's) refuse; a worker thread
 * runs outside them, and keeps the WebAssembly's work off the caller's event loop. Messages:
 * `{ id, op: 'query' | 'begin' | 'commit' | 'rollback' | 'close', tx?, text?, values? }` -> `{ id, result | error }`.
 */
export const PGLITE_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.module);
const INT8 = 20;
const options = { parsers: { [INT8]: (value) => Number(value) } };
const db = workerData.dataDir === undefined ? new PGlite(options) : new PGlite(workerData.dataDir, options);
const open = new Map();
let nextTx = 0;

function errorOf(error) {
  return { message: String(error && error.message || error), code: error && error.code, name: error && error.name };
}

async function handle(message) {
  if (message.op === 'ready') return db.waitReady.then(() => true);
  if (message.op === 'query') {
    const on = message.tx === undefined ? db : open.get(message.tx).tx;
    const result = await on.query(message.text, message.values);
    return { rows: result.rows, rowCount: Math.max(result.affectedRows || 0, result.rows.length) };
  }
  if (message.op === 'begin') {
    const id = (nextTx += 1);
    const entry = {};
    open.set(id, entry);
    return new Promise((started, failed) => {
      entry.done = db.transaction((tx) => new Promise((commit, rollback) => {
        Object.assign(entry, { tx, commit, rollback });
        started(id);
      }));
      entry.done.catch((error) => {
        if (entry.tx === undefined) {
          open.delete(id);
          failed(error);
        }
      });
    });
  }
  if (message.op === 'commit') {
    const entry = open.get(message.tx);
    open.delete(message.tx);
    entry.commit();
    await entry.done;
    return true;
  }
  if (message.op === 'rollback') {
    const entry = open.get(message.tx);
    open.delete(message.tx);
    entry.rollback(new Error('rolled back'));
    await entry.done.catch(() => undefined);
    return true;
  }
  if (message.op === 'close') {
    if (!db.closed) await db.close();
    return true;
  }
  throw new Error('unknown op ' + message.op);
}

parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, result }),
    (error) => parentPort.postMessage({ id: message.id, error: errorOf(error) }),
  );
});
`;
