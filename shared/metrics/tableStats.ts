/**
 * What the table's figures rest on: per source and figure the question count and bootstrap interval;
 * per task the human baseline's coverage, responses, contributors, the share of questions with two or
 * more contributors (the paper: about 30%) and the inter-annotator agreement.
 */
import { TASKS, type Task } from '../tasks';
import { HUMAN_SOURCE } from './aggregate';
import type { AgreementAccumulator, TaskAgreement } from './agreement';
import { AGREEMENT_MEASURES } from './agreementMeasures';
import { bootstrapFigures, type BootstrapSettings, type SourceFigureStats } from './bootstrap';
import { scoreHistograms, type Histogram } from './histograms';
import type { QuestionScoreCollector } from './questionScores';

export interface TaskStats {
  /** Questions of the task in the benchmark. */
  questions: number;
  /** Of them, answered by at least one contributor. */
  answered: number;
  /** answered / questions (0–1); null for a task with no question. */
  coverage: number | null;
  responses: number;
  contributors: number;
  /** Questions answered by two or more different contributors, and their share of the answered ones. */
  multiAnnotated: number;
  multiShare: number | null;
  agreement: TaskAgreement & { measure: string };
}

export interface TableStatistics {
  bootstrap: BootstrapSettings;
  /** Per source (every row of the table), per figure. */
  figures: Record<string, SourceFigureStats>;
  /** The human baseline, per task. */
  humanTasks: Record<Task, TaskStats>;
  /** Per task, each source's per-question score distribution. */
  histograms: Record<Task, Histogram>;
}

/**
 * Statistics of the collected responses. `benchmarkQuestions` counts the benchmark's questions per
 * task (coverage's denominator); `agreement` has been fed the human answers of every question with
 * two or more contributors.
 */
export function tableStatistics(
  collector: QuestionScoreCollector,
  benchmarkQuestions: Record<Task, number>,
  agreement: AgreementAccumulator,
  bootstrap: BootstrapSettings,
): TableStatistics {
  const tasks = Object.fromEntries(
    TASKS.map((t): [Task, TaskStats] => [
      t,
      {
        questions: benchmarkQuestions[t],
        answered: 0,
        coverage: null,
        responses: 0,
        contributors: collector.contributors(HUMAN_SOURCE, t),
        multiAnnotated: 0,
        multiShare: null,
        agreement: { ...agreement.result(t), measure: AGREEMENT_MEASURES[t].name },
      },
    ]),
  ) as Record<Task, TaskStats>;
  const rows = [...collector.rows()];
  for (const q of rows) {
    if (q.source !== HUMAN_SOURCE) continue;
    const s = tasks[q.task];
    s.answered++;
    s.responses += q.responses;
    if (q.contributors >= 2) s.multiAnnotated++;
  }
  for (const s of Object.values(tasks)) {
    s.coverage = s.questions > 0 ? s.answered / s.questions : null;
    s.multiShare = s.answered > 0 ? s.multiAnnotated / s.answered : null;
  }
  return { bootstrap, figures: Object.fromEntries(bootstrapFigures(rows, bootstrap)), humanTasks: tasks, histograms: scoreHistograms(rows) };
}
