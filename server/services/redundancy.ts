/**
 * Which questions get a second contributor ("redundancy"). By default (as the paper) a stable random
 * share: the questions first in the order of a hash of their id. With `redundancyByDisagreement` on,
 * the share goes first to the questions whose first human answer scored lowest against the label, so
 * second opinions land where the person or the label is likely wrong (and the curate queue's "crowd
 * disagrees with the label" filter fills with real cases), then to the rest in hash order.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Task } from '../../shared/answers';
import type { Scores } from '../../shared/metrics';
import type { DbOrTx } from '../db/client';
import { decodeScores } from './scoring';

function hashRank(id: string): number {
  return createHash('sha1').update(id).digest().readUInt32BE(0);
}

/**
 * How well an answer matches the label, 0 (not at all) to 1, for ranking by disagreement: pose IoU
 * (3D when the item has it), grasp 1 − NCE (floored at 0), trajectory success, rearrangement recall,
 * yes/no correct.
 */
export function labelAgreement(task: Task, s: Scores): number {
  switch (task) {
    case 'pose':
      return (typeof s.iou3d === 'number' ? s.iou3d : s.iou2d) ?? 0;
    case 'grasp':
      return Number.isFinite(s.nce) ? Math.max(0, 1 - (s.nce as number)) : 0;
    case 'trajectory':
      return s.success ?? 0;
    case 'rearrangement':
      return s.recall ?? 0;
    case 'spatial':
    case 'depth':
      return s.correct ?? 0;
    default: {
      const never: never = task;
      return never;
    }
  }
}

/**
 * The questions (of `questions`, the benchmark's) that should get a second contributor: a share
 * `share` of them, chosen at random (stable) or, with `byDisagreement`, lowest first-answer score first.
 */
export function chooseDoubled(db: DbOrTx, questions: readonly { id: string; task: Task }[], share: number, byDisagreement: boolean): Set<string> {
  const n = Math.ceil(share * questions.length);
  const ranks = new Map(questions.map((q) => [q.id, hashRank(q.id)]));
  const byHash = [...questions].sort((a, b) => ranks.get(a.id)! - ranks.get(b.id)!);
  if (!byDisagreement) return new Set(byHash.slice(0, n).map((q) => q.id));
  const first = firstAnswerAgreement(db);
  const answered = byHash.filter((q) => first.has(q.id));
  answered.sort((a, b) => labelAgreement(a.task, first.get(a.id)!) - labelAgreement(b.task, first.get(b.id)!));
  const rest = byHash.filter((q) => !first.has(q.id));
  return new Set([...answered, ...rest].slice(0, n).map((q) => q.id));
}

/** The scores of each benchmark question's first human answer (the earliest stored). */
function firstAnswerAgreement(db: DbOrTx): Map<string, Scores> {
  const rows = db.all<{ questionId: string; scores: string }>(
    // SQLite documents that with min(), the bare columns come from the row holding the minimum.
    sql.raw(`select r.question_id questionId, r.scores scores, min(r.rowid) from responses r join questions q on q.id = r.question_id
     where q.pool = 'benchmark' and r.source = 'Human' and r.kind = 'answer' and r.scores is not null group by r.question_id`),
  );
  return new Map(rows.map((r) => [r.questionId, decodeScores(JSON.parse(r.scores))]));
}
