/** Reading questions for the home page counts and the curator's list. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { formatAnswer, type Task } from '../../shared/tasks';
import type { WorldToCamera } from '../../shared/geometry/camera';
import type { Mat3 } from '../../shared/geometry/types';
import type { Db } from '../db/client';
import { assignments, questions, responses } from '../db/schema';
import { imageUrl } from './images';
import { scorableItem } from './scoring';
import { visibleResponses } from '../db/visibility';

/** Question counts per task and pool; reveals no answer. */
export function questionStats(db: Db) {
  const byTask = db
    .select({ task: questions.task, pool: questions.pool, count: sql<number>`count(*)` })
    .from(questions)
    .groupBy(questions.task, questions.pool)
    .all();
  const total = byTask.filter((r) => r.pool === 'benchmark').reduce((s, r) => s + r.count, 0);
  return { total, byTask };
}

/** A page of questions with their ground truth in the paper's text form (curators only). */
export function listQuestions(
  db: Db,
  input: { task?: Task; pool: 'benchmark' | 'practice'; idPrefix?: string; offset: number; limit: number },
) {
  const where = and(
    eq(questions.pool, input.pool),
    input.task ? eq(questions.task, input.task) : undefined,
    // GLOB, not LIKE: case-sensitive like ids, and '_' and '%' in an id are not wildcards.
    input.idPrefix ? sql`${questions.id} glob ${input.idPrefix.replace(/[*?[]/g, '[$&]') + '*'}` : undefined,
  );
  const total = db.select({ n: sql<number>`count(*)` }).from(questions).where(where).get()!.n;
  const rows = db.select().from(questions).where(where).orderBy(asc(questions.id)).limit(input.limit).offset(input.offset).all();
  const verdicts = labelVerdicts(db, rows.map((q) => q.id));
  return {
    total,
    items: rows.map((q) => {
      const gt = scorableItem(q).gt;
      const camera = (q.item as { camera?: { K?: Mat3; world_to_camera?: WorldToCamera } }).camera;
      return {
      id: q.id,
      task: q.task,
      imageUrl: imageUrl(q.imageKey),
      width: q.width,
      height: q.height,
      question: q.question,
      answer: formatAnswer(gt),
      gt,
      camera: camera?.K ? { K: camera.K, world_to_camera: camera.world_to_camera } : undefined,
      verdicts: verdicts.get(q.id) ?? { correct: 0, wrong: 0 },
    };
    }),
  };
}

/** How contributors judged each question's generated label in verify mode (not models' answers). */
function labelVerdicts(db: Db, ids: string[]): Map<string, { correct: number; wrong: number }> {
  const out = new Map<string, { correct: number; wrong: number }>();
  if (ids.length === 0) return out;
  const rows = db
    .select({ id: responses.questionId, isCorrect: responses.isCorrectVerdict, n: sql<number>`count(*)` })
    .from(responses)
    .innerJoin(assignments, eq(assignments.id, responses.assignmentId))
    .where(and(inArray(responses.questionId, ids), eq(responses.kind, 'verify'), isNull(assignments.verifyResponseId), visibleResponses))
    .groupBy(responses.questionId, responses.isCorrectVerdict)
    .all();
  for (const r of rows) {
    const v = out.get(r.id) ?? { correct: 0, wrong: 0 };
    if (r.isCorrect) v.correct += r.n;
    else v.wrong += r.n;
    out.set(r.id, v);
  }
  return out;
}
