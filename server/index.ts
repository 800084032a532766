/** `npm start`: configuration, database (migrated), demo data when empty, then the HTTP server. */
import { ConfigError, configWarnings, loadConfig } from './config';
import { openDb } from './db/client';
import { createAppServer } from './http';
import { guardsFromConfig } from './security/guards';
import { ensureDemoData } from './services/demo';
import { rescoreStaleReporting } from './services/scoring';
import { deleteExpiredSessions } from './services/auth';

async function main(): Promise<void> {
  const config = loadConfig();
  for (const line of configWarnings(config)) process.stderr.write(`${line}\n`);
  const db = openDb(config.databasePath);
  // Scores from an older metric version are recomputed before anything is served.
  rescoreStaleReporting(db, (line) => process.stderr.write(`${line}\n`));
  if (config.isDemoEnabled) await ensureDemoData(db, config);
  deleteExpiredSessions(db);
  const server = createAppServer(db, config, guardsFromConfig(config));
  server.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    process.stderr.write(`BOP-Ask Studio on http://localhost:${port} (database ${config.databasePath})\n`);
  });
  const stop = () => server.close(() => db.$client.close());
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
