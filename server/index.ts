/** `npm start`: configuration, database (migrated), demo data when empty, then the HTTP server. */
import { ConfigError, configWarnings, loadConfig } from './config';
import { openDb } from './db/client';
import { createAppServer } from './http';
import { guardsFromConfig } from './security/guards';
import { ensureDemoData } from './services/demo';
import { rescoreStaleReporting } from './services/scoring';
import { fillFirstAnswerScores } from './services/secondOpinion';
import { deleteExpiredSessions } from './services/auth';
import { discardStaleImports } from './services/stagedImports';
import { flushSums } from './services/tableSums';

async function main(): Promise<void> {
  const config = loadConfig();
  for (const line of configWarnings(config)) process.stderr.write(`${line}\n`);
  const db = openDb(config.databasePath);
  // Scores from an older metric version are recomputed before anything is served.
  rescoreStaleReporting(db, (line) => process.stderr.write(`${line}\n`));
  // The table's sums are brought up to date before anything is served (a database from before they
  // existed, or written while a trigger was missing, has every pair to recompute once).
  const sumsStarted = performance.now();
  const pairs = flushSums(db.$client);
  if (pairs > 1000) process.stderr.write(`table sums: ${pairs} question(s) brought up to date in ${((performance.now() - sumsStarted) / 1000).toFixed(1)} s\n`);
  // Answers stored before first-answer scores existed get theirs, once (services/secondOpinion.ts).
  fillFirstAnswerScores(db);
  if (config.isDemoEnabled) await ensureDemoData(db, config);
  deleteExpiredSessions(db);
  const server = createAppServer(db, config, guardsFromConfig(config));
  server.listen(config.port, config.host, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.port;
    process.stderr.write(`BOP-Ask Studio on http://localhost:${port} (database ${config.databasePath})\n`);
    // Rows staged by an import whose process died are removed in paced chunks while the server runs:
    // they are invisible meanwhile, so nothing waits for it.
    discardStaleImports(db).then(
      (n) => n > 0 && process.stderr.write(`removed the staged rows of ${n} unfinished import(s)\n`),
      (err: unknown) => process.stderr.write(`removing an unfinished import's rows failed (the next import retries): ${err}\n`),
    );
  });
  const stop = () => server.close(() => db.$client.close());
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
