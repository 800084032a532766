/** `bopask rescore`: recomputes stored scores of an older metric version with the current code. */
import { METRIC_VERSION } from '../../../shared/metrics/scores';
import { Progress } from '../../pipeline/progress';
import { countStaleScores, rescoreStale } from '../../services/scoring';
import { flushSums } from '../../services/tableSums';
import { parseCommandArgs } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';

export const usage = `usage: bopask rescore [--db FILE]
Recomputes every stored score that an older (or other) version of the metric code computed, with the
current code (metric version ${METRIC_VERSION}), so the database and 'bopask score' agree again. Works in
chunks of one short transaction each: safe while the server runs. The server does the same at start-up.
${DB_OPTION_HELP}`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(argv, { db: { type: 'string' } }, usage);
  const { db } = cliDatabase(values.db, { mayCreate: false });
  try {
    const stale = countStaleScores(db);
    if (stale === 0) {
      process.stdout.write(`every stored score is at metric version ${METRIC_VERSION}; nothing to rescore\n`);
      return;
    }
    const progress = new Progress('bopask rescore');
    const { rescored } = rescoreStale(db, (done, total) => progress.update(done, total));
    // The table's sums follow in short transactions (the triggers noted every rescored pair).
    flushSums(db.$client);
    progress.finish(`bopask rescore: done`);
    process.stdout.write(`rescored ${rescored} stored score(s) to metric version ${METRIC_VERSION}\n`);
  } finally {
    db.$client.close();
  }
}
