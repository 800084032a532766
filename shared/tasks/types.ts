/**
 * What every task module provides (STYLE.md "Architecture": one module per task). The typed map in
 * index.ts holds one `TaskSpec` per task, so a task with a missing piece does not compile.
 */
import type { z } from 'zod';
import type { KindParseResult } from '../answers/kind';
import type { ItemGeometry, Scores } from '../metrics/scores';

/** An item as one task's metric sees it: geometry plus the ground truth in the task's own shape. */
export type ScoringItem<A> = ItemGeometry & { gt: A; alternatives: readonly A[] };

/** One column of the benchmark table: its key (FORMAT.md's JSON field), header, direction, rounding. */
export interface TableColumn<K extends string = string> {
  key: K;
  header: string;
  /** ↑ (true) or ↓ (false): which way is better, for the arrows and the best/second marks. */
  higherIsBetter: boolean;
  /** Decimals in the text formats (the paper's: one for percentages and pixels, two for NCE). */
  decimals: number;
}

/** Everything about one task that people read: the first-time instruction and the practice feedback. */
export interface TaskText {
  /** Shown as the heading of the task's instruction. */
  title: string;
  steps: readonly string[];
  /** One line under (or in) the example picture. */
  exampleCaption: string;
  /** A practice score the way a contributor understands it (`scores.valid` is true here). */
  feedback(scores: Scores): string;
}

export interface TaskSpec<A extends { task: string }> {
  /** The task's name in data files, the database and URLs. */
  task: A['task'];
  /** The answer's zod schema (finite points of the task's count). */
  answerSchema: z.ZodType<A>;
  /** Fewest and most points an answer may have (null for yes/no tasks): what the tools enforce too. */
  points: A extends { points: unknown } ? { min: number; max: number } : null;
  /** Reads a raw answer (text in any form METRICS.md allows, points, boolean); never throws. */
  parse(raw: unknown): KindParseResult<A>;
  /** The paper's canonical text form; `parse(format(a))` gives `a` back. */
  format(answer: A): string;
  /** The task's metric (METRICS.md); `answer` null is an invalid answer, scored as the worst case. */
  score(item: ScoringItem<A>, answer: A | null): Scores;
  /** The task's columns of the benchmark table, in the paper's order. */
  columns: readonly TableColumn[];
  text: TaskText;
}
