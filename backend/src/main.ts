// The product command: load and check the configuration, open and migrate the store, seed the demo tenant
// into an empty database, serve everything on one port and print the URLs.
import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config.ts';
import { openDb } from './store/connect.ts';
import { migrateToLatest } from './store/migrate.ts';
import { statisticsTimer } from './store/statistics.ts';
import { buildServerApp } from './server.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const handle = openDb(config.database);
  try {
    await migrateToLatest(handle.db);
  } catch (e) {
    console.error(`Could not prepare the database (${config.database.kind}): ${e instanceof Error ? e.message : e}`);
    process.exit(3);
  }
  const { app, describe, afterListen, stop: stopServices } = await buildServerApp(config, handle, Date.now);
  // Hourly: SQLite's statistics follow the data as it grows (PostgreSQL's autovacuum does this itself).
  const statistics = statisticsTimer(handle.db);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const base = config.publicUrl.replace(/:\d+$/, `:${info.port}`);
    console.log(`Suhde is running (${config.database.kind === 'sqlite' ? `SQLite at ${config.database.path}` : 'PostgreSQL'}${config.demo ? ', demo mode' : ''}).`);
    console.log(`  Start page: ${base}/`);
    if (existsSync(config.webRoot)) {
      console.log(`  Outlook add-in preview: ${base}/addin/preview.html`);
      console.log(`  Teams app:  ${base}/teams-app/index.html  (manager dashboard: ?view=dashboard)`);
    } else {
      console.log(`  Front ends: not built (${config.webRoot} is missing); npm start builds them`);
    }
    console.log(`  API:        ${base}/api`);
    console.log(`  API docs:   ${base}/api/docs  (OpenAPI: ${base}/api/openapi.json)`);
    console.log(`  Health:     ${base}/healthz  ${base}/readyz`);
    for (const line of describe(base)) console.log(`  ${line}`);
    afterListen().catch((e) => console.error(`Graph sync did not start: ${e instanceof Error ? e.message : e}`));
  });
  const stop = () => {
    server.close();
    statistics.stop();
    void stopServices()
      .catch((e) => console.error(`Stopping the sync and jobs failed: ${e instanceof Error ? e.message : e}`))
      .then(() => handle.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
