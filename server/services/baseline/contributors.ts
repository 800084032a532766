/**
 * Per-contributor figures for screening the human baseline: items answered, skips, median time per
 * item, practice pass share, agreement with other contributors and with the label, flags, and whether
 * a curator excluded them. One pass over the human responses, cached until the table's inputs change.
 */
import { HUMAN_SOURCE } from '../../../shared/metrics/aggregate';
import { pairAgreement } from '../../../shared/metrics/agreement';
import { contributorFlags, isPairAgreeing, isPass, median, type ContributorFlag } from '../../../shared/metrics/quality';
import { hitRadius } from '../../../shared/metrics/trajectory';
import type { Answer, Task } from '../../../shared/tasks';
import type { Db } from '../../db/client';
import { decodeScores, scorableItem } from '../scoring';
import { storedAnswer } from './included';
import { tableStamp } from '../tableSums';
import { runInBackground } from './background/run';
import { visible } from '../../db/visibility';

export interface ContributorStats {
  annotator: string;
  /** The crowd platform id (`?pid`) and completion code, for crowd participants. */
  externalId: string | null;
  completionCode: string | null;
  answered: number;
  skips: number;
  verifications: number;
  medianTimeMs: number | null;
  totalTimeMs: number;
  practiceAnswered: number;
  practicePassShare: number | null;
  /** Share of their answers right against the label, and of their pairings with others that agree. */
  labelPassShare: number | null;
  agreementShare: number | null;
  agreementPairs: number;
  flags: ContributorFlag[];
  excluded: { reason: string } | null;
}

interface Row {
  annotator: string;
  questionId: string;
  pool: 'benchmark' | 'practice';
  kind: 'answer' | 'verify' | 'skip';
  timeMs: number | null;
  scores: string | null;
  output: string | null;
  task: Task;
  width: number;
  height: number;
  item: string;
}

const cache = new WeakMap<Db, { stamp: string; list: ContributorStats[]; computedAt: number }>();
const running = new WeakSet<Db>();

/** Computes the figures now and caches them (the CSV download and tests call this). */
export function contributorStats(db: Db): ContributorStats[] {
  const stamp = tableStamp(db);
  const hit = cache.get(db);
  if (hit?.stamp === stamp) return hit.list;
  const list = computeContributorStats(db);
  cache.set(db, { stamp, list, computedAt: Date.now() });
  return list;
}

/**
 * For the page: the last computed figures with their age, recomputed in the background when the data
 * changed (one pass over every human response is too slow to run on each page view at a million), in
 * a worker thread on its own connection (background/run.ts), so requests are never held up by it.
 */
export function contributorStatsState(db: Db): { list: ContributorStats[] | null; computedAt: number | null; isStale: boolean } {
  const hit = cache.get(db);
  const stamp = tableStamp(db);
  const isStale = hit?.stamp !== stamp;
  if (isStale && !running.has(db)) {
    running.add(db);
    runInBackground(db, { kind: 'contributors' }, () => computeContributorStats(db))
      .then((list) => cache.set(db, { stamp, list, computedAt: Date.now() }))
      .catch((err: unknown) => process.stderr.write(`contributor figures: ${err instanceof Error ? err.message : String(err)}\n`))
      .finally(() => running.delete(db));
  }
  return { list: hit?.list ?? null, computedAt: hit?.computedAt ?? null, isStale };
}

type Acc = Omit<ContributorStats, 'medianTimeMs' | 'practicePassShare' | 'labelPassShare' | 'agreementShare' | 'flags'> & {
  times: number[]; practicePass: number; labelN: number; labelPass: number; agree: number; binary: boolean[];
};

export function computeContributorStats(db: Db): ContributorStats[] {
  const meta = new Map(
    (db.$client.prepare('select id, external_id externalId, completion_code completionCode from participants').all() as { id: string; externalId: string | null; completionCode: string | null }[]).map((p) => [p.id, p]),
  );
  const excluded = new Map((db.$client.prepare('select annotator, reason from contributor_exclusions').all() as { annotator: string; reason: string }[]).map((e) => [e.annotator, e.reason]));
  const accs = new Map<string, Acc>();
  const acc = (a: string): Acc => {
    let x = accs.get(a);
    if (!x) {
      const m = meta.get(a);
      x = { annotator: a, externalId: m?.externalId ?? null, completionCode: m?.completionCode ?? null, answered: 0, skips: 0, verifications: 0, totalTimeMs: 0, practiceAnswered: 0, agreementPairs: 0, excluded: excluded.has(a) ? { reason: excluded.get(a)! } : null, times: [], practicePass: 0, labelN: 0, labelPass: 0, agree: 0, binary: [] };
      accs.set(a, x);
    }
    return x;
  };
  const stmt = db.$client.prepare(`select r.annotator, r.question_id questionId, q.pool, r.kind, r.time_ms timeMs, r.scores, r.output,
      q.task, q.width, q.height, q.item
    from responses r join questions q on q.id = r.question_id
    where r.source = ? and r.annotator is not null and ${visible('r')} order by r.question_id`);
  type Group = { questionId: string; row: Row; answers: { annotator: string; answer: Answer }[] };
  const state: { group: Group | null } = { group: null };
  const flush = () => {
    const group = state.group;
    if (!group || group.answers.length < 2) return;
    const item = scorableItem({ id: group.questionId, width: group.row.width, height: group.row.height, item: JSON.parse(group.row.item) });
    const r = hitRadius(item.width, item.height);
    for (let i = 0; i < group.answers.length; i++) {
      for (let j = i + 1; j < group.answers.length; j++) {
        const ok = isPairAgreeing(item.task, pairAgreement(item, group.answers[i].answer, group.answers[j].answer), r);
        for (const who of [group.answers[i].annotator, group.answers[j].annotator]) {
          const x = acc(who);
          x.agreementPairs++;
          if (ok) x.agree++;
        }
      }
    }
  };
  for (const row of stmt.iterate(HUMAN_SOURCE) as IterableIterator<Row>) {
    const x = acc(row.annotator);
    if (row.timeMs !== null) x.totalTimeMs += row.timeMs;
    if (row.kind === 'skip') { x.skips++; continue; }
    if (row.kind === 'verify') { x.verifications++; continue; }
    const scores = row.scores ? decodeScores(JSON.parse(row.scores)) : null;
    if (row.pool === 'practice') {
      x.practiceAnswered++;
      if (scores && isPass(row.task, scores)) x.practicePass++;
      continue;
    }
    x.answered++;
    if (row.timeMs !== null) x.times.push(row.timeMs);
    if (scores) { x.labelN++; if (isPass(row.task, scores)) x.labelPass++; }
    const answer = row.output ? storedAnswer(row.task, JSON.parse(row.output)) : null;
    if (answer && 'value' in answer) x.binary.push(answer.value);
    if (state.group?.questionId !== row.questionId) {
      flush();
      state.group = { questionId: row.questionId, row, answers: [] };
    }
    if (answer) state.group.answers.push({ annotator: row.annotator, answer });
  }
  flush();
  const medians = [...accs.values()].map((x) => median(x.times)).filter((m): m is number => m !== null);
  const typical = median(medians);
  return [...accs.values()]
    .map(({ times, practicePass, labelN, labelPass, agree, binary, ...x }) => {
      const medianTimeMs = median(times);
      const practicePassShare = x.practiceAnswered > 0 ? practicePass / x.practiceAnswered : null;
      return {
        ...x,
        medianTimeMs,
        practicePassShare,
        labelPassShare: labelN > 0 ? labelPass / labelN : null,
        agreementShare: x.agreementPairs > 0 ? agree / x.agreementPairs : null,
        flags: contributorFlags({ answered: x.answered, medianTimeMs, typicalMedianMs: typical, binaryAnswers: binary, practicePassShare }),
      };
    })
    .sort((a, b) => b.flags.length - a.flags.length || b.answered - a.answered || (a.annotator < b.annotator ? -1 : 1));
}
