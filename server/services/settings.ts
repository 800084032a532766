/** Admin-editable assignment settings, with their defaults and allowed ranges. */
import { z } from 'zod';
import type { DbOrTx } from '../db/client';
import { sql } from 'drizzle-orm';
import { settings } from '../db/schema';
import { DEFAULT_BOOTSTRAP, type BootstrapSettings } from '../../shared/metrics/bootstrap';

export const settingsSchema = z.object({
  /** Benchmark questions per contributor batch (the paper: 10–25). */
  batchSize: z.number().int().min(10).max(25),
  /** Share of questions that should be answered by two or more different contributors. */
  redundancyShare: z.number().min(0).max(1),
  /**
   * 1: those second answers go first to the questions whose first answer agrees least with the label,
   * then at random (services/secondOpinion.ts). Off (0) by default: the paper chose at random, and
   * this can shift the Human row. The table's notes say which rule was in effect.
   */
  redundancyByDisagreement: z.number().int().min(0).max(1),
  /** Questions per batch shown as a generated answer to verify (counted apart from drawn answers). */
  verifyPerBatch: z.number().int().min(0).max(10),
  /**
   * 1 opens the separate label-verification campaign (`/annotate?campaign=labels`): its batches show
   * benchmark labels to verify. Off (0) by default.
   */
  labelCampaign: z.number().int().min(0).max(1),
  /** The table's bootstrap intervals: seed and number of resamples (shared/metrics/bootstrap.ts). */
  bootstrapSeed: z.number().int().min(0).max(2 ** 32 - 1),
  bootstrapResamples: z.number().int().min(100).max(10_000),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  batchSize: 15,
  redundancyShare: 0.3,
  redundancyByDisagreement: 0,
  verifyPerBatch: 2,
  labelCampaign: 0,
  bootstrapSeed: DEFAULT_BOOTSTRAP.seed,
  bootstrapResamples: DEFAULT_BOOTSTRAP.resamples,
};

/** The bootstrap settings the table's intervals use. */
export function bootstrapSettings(s: Settings): BootstrapSettings {
  return { seed: s.bootstrapSeed, resamples: s.bootstrapResamples, level: DEFAULT_BOOTSTRAP.level };
}

/** The settings' own rows (the table also keeps counters, such as the table stamp's, bumped on every answer). */
const STORED = sql`select key, value from settings where key in (${sql.join(Object.keys(DEFAULT_SETTINGS).map((k) => sql`${k}`), sql`, `)}) order by key`;
/** The settings last parsed, by the text of the rows they came from: every batch read binds, and reads them. */
let lastParsed: { rows: string; settings: Settings } | undefined;

export function getSettings(db: DbOrTx): Settings {
  const rows = db.all<{ key: string; value: number }>(STORED);
  const text = JSON.stringify(rows);
  if (lastParsed?.rows !== text) lastParsed = { rows: text, settings: settingsSchema.parse({ ...DEFAULT_SETTINGS, ...Object.fromEntries(rows.map((r) => [r.key, r.value])) }) };
  return { ...lastParsed.settings };
}

export function updateSettings(db: DbOrTx, patch: Partial<Settings>): Settings {
  const next = settingsSchema.parse({ ...getSettings(db), ...patch });
  db.transaction((tx) => {
    for (const [key, value] of Object.entries(next)) {
      tx.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
    }
  });
  return next;
}
