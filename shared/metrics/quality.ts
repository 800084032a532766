/**
 * Screening rules for the human baseline's contributors: when an answer counts as "right" against the
 * label or as "agreeing" with another contributor's, and which contributors a researcher would look at
 * before keeping them (flags). The thresholds are the ones a reader of the paper would expect: half
 * overlap for boxes and marker sets, half a gripper width for grasps, the success radius for paths.
 */
import { median as ssMedian } from 'simple-statistics';
import type { Task } from '../tasks';
import type { Scores } from '../metrics/scores';

/** Whether a scored answer is right enough against the label (pose: IoU ≥ 0.5, grasp: NCE ≤ 0.5, …). */
export function isPass(task: Task, s: Scores): boolean {
  switch (task) {
    case 'pose':
      return ((typeof s.iou3d === 'number' ? s.iou3d : s.iou2d) ?? 0) >= 0.5;
    case 'grasp':
      return (s.nce ?? Infinity) <= 0.5;
    case 'trajectory':
      return s.success === 1;
    case 'rearrangement':
      return (s.recall ?? 0) >= 0.5;
    case 'spatial':
    case 'depth':
      return s.correct === 1;
    default: {
      const never: never = task;
      return never;
    }
  }
}

/**
 * Whether two contributors' answers agree, from their `pairAgreement` value: pose IoU ≥ 0.5, grasp NCE
 * ≤ 0.5, trajectory distance ≤ `hitRadiusPx`, rearrangement F1 ≥ 0.5, yes/no equal.
 */
export function isPairAgreeing(task: Task, value: number, hitRadiusPx: number): boolean {
  switch (task) {
    case 'pose':
    case 'rearrangement':
      return value >= 0.5;
    case 'grasp':
      return value <= 0.5;
    case 'trajectory':
      return value <= hitRadiusPx;
    case 'spatial':
    case 'depth':
      return value === 1;
    default: {
      const never: never = task;
      return never;
    }
  }
}

export type ContributorFlag = 'fast' | 'same-answer' | 'practice-failed';

export const FLAG_TEXT: Record<ContributorFlag, string> = {
  fast: 'median time per item below a quarter of the contributors’ median',
  'same-answer': 'the same yes/no answer to every one of at least 5 yes/no questions',
  'practice-failed': 'fewer than half of the practice questions passed',
};

/** At least this many answers before a speed or same-answer flag is raised. */
export const MIN_ITEMS_FOR_FLAGS = 5;

/**
 * Flags for one contributor. `medianTimeMs` is theirs, `typicalMedianMs` the median over contributors
 * (null when unknown); `binaryAnswers` their yes/no answers; `practicePassShare` null without practice.
 */
export function contributorFlags(c: {
  answered: number;
  medianTimeMs: number | null;
  typicalMedianMs: number | null;
  binaryAnswers: readonly boolean[];
  practicePassShare: number | null;
}): ContributorFlag[] {
  const flags: ContributorFlag[] = [];
  if (c.answered >= MIN_ITEMS_FOR_FLAGS && c.medianTimeMs !== null && c.typicalMedianMs !== null && c.medianTimeMs < c.typicalMedianMs / 4) flags.push('fast');
  const b = c.binaryAnswers;
  if (b.length >= MIN_ITEMS_FOR_FLAGS && b.every((v) => v === b[0])) flags.push('same-answer');
  if (c.practicePassShare !== null && c.practicePassShare < 0.5) flags.push('practice-failed');
  return flags;
}

/** Median of `xs` (simple-statistics; mean of the two middle values for an even count); null when empty. */
export function median(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : ssMedian([...xs]);
}
