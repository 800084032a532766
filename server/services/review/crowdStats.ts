/**
 * The crowd's evidence on each label, kept on the question row so the review queue is an index walk:
 * how many crowd answers it has and how well they agree with the label, and the verification votes on
 * the label itself. Responses are only ever added (rescoring rewrites their scores, and recomputes
 * the question's stats in the same transaction), so new responses are found by rowid past a watermark.
 */
import { eq, sql } from 'drizzle-orm';
import { HUMAN_SOURCE } from '../../../shared/metrics/aggregate';
import type { Db, DbOrTx } from '../../db/client';
import { questions, settings } from '../../db/schema';
import { decodeScores } from '../scoring';
import { recomputeFirstAnswerScore } from '../secondOpinion';
import { agreementOf, reviewPriority } from './agreement';
import { visible } from '../../db/visibility';

const WATERMARK_KEY = 'review.responsesSeen';
/** Questions refreshed per call: bounds the write transaction when a large import lands. */
const MAX_QUESTIONS_PER_REFRESH = 2000;

/** Call in the transaction that publishes staged responses from rowid `firstRowid` on: they are new to the stats. */
export function rewindCrowdStats(db: DbOrTx, firstRowid: number): void {
  db.run(sql`update settings set value = min(value, ${firstRowid - 1}) where key = ${WATERMARK_KEY}`);
}

interface EvidenceRow {
  kind: string;
  source: string;
  scores: string | null;
  verdict: number | null;
  labelVerify: number;
}

/** Recomputes one question's crowd stats from its responses (responses_question_idx). */
export function recomputeCrowdStats(db: DbOrTx, questionId: string): void {
  const rows = db.all<EvidenceRow>(
    sql`select r.kind, r.source, r.scores, r.is_correct_verdict verdict,
               (r.kind = 'verify' and a.id is not null and a.verify_response_id is null) labelVerify
          from responses r left join assignments a on a.id = r.assignment_id
         where r.question_id = ${questionId} and ${sql.raw(visible('r'))}`,
  );
  let n = 0, sum = 0, min = Infinity, yes = 0, no = 0;
  for (const r of rows) {
    if (r.kind === 'answer' && r.source === HUMAN_SOURCE && r.scores) {
      const a = agreementOf(decodeScores(JSON.parse(r.scores) as Record<string, unknown>));
      n++;
      sum += a;
      min = Math.min(min, a);
    } else if (r.labelVerify) {
      if (r.verdict) yes++;
      else no++;
    }
  }
  const mean = n > 0 ? sum / n : null;
  db.update(questions)
    .set({
      crowdCount: n,
      crowdMeanAgreement: mean,
      crowdMinAgreement: n > 0 ? min : null,
      verifyYes: yes,
      verifyNo: no,
      reviewPriority: reviewPriority({ crowdCount: n, crowdMeanAgreement: mean, verifyYes: yes, verifyNo: no }),
    })
    .where(eq(questions.id, questionId))
    .run();
  recomputeFirstAnswerScore(db, questionId);
}

/**
 * Brings the stats up to date with responses stored since the last call; cheap when nothing is new
 * (one indexed lookup). Returns how many questions it refreshed. SEES_STAGED: the watermark may pass
 * staged rows (the recomputation leaves them out); publishing an import rewinds it to before them.
 */
export function refreshCrowdStats(db: Db): number {
  const seen = db.select({ v: settings.value }).from(settings).where(eq(settings.key, WATERMARK_KEY)).get()?.v ?? 0;
  // SEES_STAGED (this and the query below): see above.
  const last = (db.$client.prepare('select max(rowid) m from responses').get() as { m: number | null }).m ?? 0;
  if (last <= seen) return 0;
  return db.transaction((tx) => {
    type Seen = { q: string; r: number };
    // SEES_STAGED: the watermark's walk (recomputeCrowdStats leaves staged rows out).
    const rows = tx.all<Seen>(
      sql`select question_id q, max(rowid) r from responses where rowid > ${seen}
           group by question_id order by r limit ${MAX_QUESTIONS_PER_REFRESH}`,
    );
    for (const r of rows) recomputeCrowdStats(tx, r.q);
    const upTo = rows.length === MAX_QUESTIONS_PER_REFRESH ? rows[rows.length - 1].r : last;
    tx.insert(settings)
      .values({ key: WATERMARK_KEY, value: upTo })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } })
      .run();
    return rows.length;
  });
}
