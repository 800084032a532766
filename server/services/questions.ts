/** Reading questions for the home page counts and the curator's list. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { formatAnswer, type Task } from '../../shared/answers';
import type { Db } from '../db/client';
import { questions } from '../db/schema';
import { imageUrl } from './images';
import { scorableItem } from './scoring';

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
export function listQuestions(db: Db, input: { task?: Task; pool: 'benchmark' | 'practice'; offset: number; limit: number }) {
  const where = and(eq(questions.pool, input.pool), input.task ? eq(questions.task, input.task) : undefined);
  const total = db.select({ n: sql<number>`count(*)` }).from(questions).where(where).get()!.n;
  const rows = db.select().from(questions).where(where).orderBy(asc(questions.id)).limit(input.limit).offset(input.offset).all();
  return {
    total,
    items: rows.map((q) => ({
      id: q.id,
      task: q.task,
      imageUrl: imageUrl(q.imageKey),
      width: q.width,
      height: q.height,
      question: q.question,
      answer: formatAnswer(scorableItem(q).gt),
    })),
  };
}
