// One read-only connection to the store's SQLite file, in its own thread (store/sqlite-readers.ts). Plain
// JavaScript: a worker thread starts without the TypeScript loader the rest of the backend runs under.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const db = new SQLite(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma(`cache_size = -${Math.round(workerData.cacheMb * 1024)}`);
const statements = new Map();

function prepared(text) {
  let s = statements.get(text);
  if (!s) {
    s = db.prepare(text);
    // Only reads come here; a statement that returns no rows (BEGIN, COMMIT) runs with run().
    statements.set(text, s);
  }
  return s;
}

parentPort.on('message', ({ id, sql, parameters }) => {
  try {
    const s = prepared(sql);
    const rows = s.reader ? s.all(parameters) : (s.run(parameters), []);
    parentPort.postMessage({ id, rows });
  } catch (e) {
    parentPort.postMessage({ id, error: { message: e instanceof Error ? e.message : String(e), code: e?.code } });
  }
});
