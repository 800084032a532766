/** The crowd participants as CSV, for approving or rejecting payments on the crowd platform. */
import type { Db } from '../../db/client';
import { FLAG_TEXT } from '../../../shared/metrics/quality';
import { contributorStats } from './contributors';

const field = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** One line per participant with a platform id or a completion code (header first). */
export function* participantsCsvLines(db: Db): Generator<string> {
  yield 'participant_id,platform_id,completion_code,items_answered,skips,time_spent_s,median_time_s,flags,excluded_reason\n';
  const byId = new Map(contributorStats(db).map((c) => [c.annotator, c]));
  const rows = db.$client
    .prepare('select id, external_id externalId, completion_code completionCode from participants order by created_at, id')
    .all() as { id: string; externalId: string | null; completionCode: string | null }[];
  for (const p of rows) {
    const c = byId.get(p.id);
    const cells = [
      p.id,
      p.externalId ?? '',
      p.completionCode ?? '',
      String(c?.answered ?? 0),
      String(c?.skips ?? 0),
      ((c?.totalTimeMs ?? 0) / 1000).toFixed(1),
      c?.medianTimeMs == null ? '' : (c.medianTimeMs / 1000).toFixed(1),
      (c?.flags ?? []).map((f) => FLAG_TEXT[f]).join('; '),
      c?.excluded?.reason ?? '',
    ];
    yield cells.map(field).join(',') + '\n';
  }
}
