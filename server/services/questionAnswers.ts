/**
 * One question with every answer to it, for the question page (curators only): the ground truth and
 * regions, each human and model answer parsed with its scores, whether the table counts it, and the
 * per-source means the table averages (METRICS.md step 2).
 */
import { AppError } from '../../shared/errors';
import type { Answer } from '../../shared/tasks';
import type { Scores } from '../../shared/metrics/scores';
import type { Db } from '../db/client';
import { storedAnswer } from './baseline/included';
import { imageUrl } from './images';
import { decodeScores, scorableItem } from './scoring';
import { visible } from '../db/visibility';

/** A question has few answers; this bounds a pathological one (a page draws them all). */
const MAX_ANSWERS = 500;

export interface QuestionAnswer {
  id: string;
  source: string;
  annotator: string | null;
  answer: Answer | null;
  scores: Scores | null;
  timeMs: number | null;
  /** Left out of the table: its contributor or the question was excluded by a curator. */
  isExcluded: boolean;
}

export function questionAnswers(db: Db, questionId: string) {
  const q = db.$client
    .prepare(`select q.*, (select reason from question_exclusions qe where qe.question_id = q.id) excludedReason from questions q where q.id = ?`)
    .get(questionId) as { id: string; task: Answer['task']; pool: string; image_key: string; width: number; height: number; question: string; item: string; excludedReason: string | null } | undefined;
  if (!q) throw new AppError('NOT_FOUND', `no question '${questionId}'`);
  const item = scorableItem({ id: q.id, width: q.width, height: q.height, item: JSON.parse(q.item) });
  const rows = db.$client
    .prepare(`select r.id, r.source, r.annotator, r.output, r.scores, r.time_ms timeMs,
        exists (select 1 from contributor_exclusions ce where r.source = 'Human' and ce.annotator = r.annotator) contributorExcluded
      from responses r where r.question_id = ? and r.kind = 'answer' and ${visible('r')} order by r.source = 'Human' desc, r.source, r.annotator limit ?`)
    .all(questionId, MAX_ANSWERS) as { id: string; source: string; annotator: string | null; output: string | null; scores: string | null; timeMs: number | null; contributorExcluded: number }[];
  const answers: QuestionAnswer[] = rows.map((r) => ({
    id: r.id,
    source: r.source,
    annotator: r.annotator,
    answer: r.output === null ? null : storedAnswer(q.task, JSON.parse(r.output)),
    scores: r.scores ? decodeScores(JSON.parse(r.scores)) : null,
    timeMs: r.timeMs,
    isExcluded: q.excludedReason !== null || r.contributorExcluded === 1,
  }));
  return {
    question: { id: q.id, task: q.task, pool: q.pool, imageUrl: imageUrl(q.image_key), width: q.width, height: q.height, text: q.question },
    groundTruth: item.gt,
    alternatives: item.alternatives,
    regions: item.regions ?? null,
    sourceRegion: item.source_region ?? null,
    targetRegion: item.target_region ?? null,
    excludedReason: q.excludedReason,
    answers,
  };
}
