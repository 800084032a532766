/**
 * Feeds responses into everything `tableStatistics` needs, for the CLI and the server alike: the
 * per-question score rows of every source and the human answers of each question (for agreement).
 */
import type { Answer, Task } from '../tasks';
import { HUMAN_SOURCE } from './aggregate';
import { AgreementAccumulator } from './agreement';
import type { BootstrapSettings } from './bootstrap';
import type { ScorableItem } from '../tasks';
import type { Scores } from '../metrics/scores';
import { compareCodeUnits, QuestionScoreCollector } from './questionScores';
import { tableStatistics, type TableStatistics } from './tableStats';

export class StatisticsBuilder {
  readonly collector = new QuestionScoreCollector();
  /** Human answers per question: item and one valid answer per contributor. */
  private readonly human = new Map<string, { item: ScorableItem; answers: { annotator: string; answer: Answer }[] }>();

  /**
   * Adds one response. `answer` (the parsed output, null when invalid) and `item` are only kept for
   * the human source; pass them for human responses so agreement can be computed.
   */
  add(r: { questionId: string; task: Task; source: string; annotator?: string; scores: Scores; answer?: Answer | null; item?: ScorableItem }): void {
    this.collector.add({ questionId: r.questionId, task: r.task, source: r.source, annotator: r.annotator, scores: r.scores });
    if (r.source !== HUMAN_SOURCE || !r.answer || !r.item) return;
    const h = this.human.get(r.questionId);
    const entry = { annotator: r.annotator ?? '', answer: r.answer };
    if (h) h.answers.push(entry);
    else this.human.set(r.questionId, { item: r.item, answers: [entry] });
  }

  build(benchmarkQuestions: Record<Task, number>, bootstrap: BootstrapSettings): TableStatistics {
    const agreement = new AgreementAccumulator();
    // Question-id order, so the agreement sums do not depend on arrival order.
    for (const id of [...this.human.keys()].sort(compareCodeUnits)) {
      const h = this.human.get(id)!;
      const answers = [...h.answers].sort((a, b) => compareCodeUnits(a.annotator, b.annotator)).map((a) => a.answer);
      agreement.addQuestion(h.item, answers);
    }
    return tableStatistics(this.collector, benchmarkQuestions, agreement, bootstrap);
  }
}
