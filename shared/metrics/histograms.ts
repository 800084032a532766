/**
 * Per task, the distribution of per-question scores (METRICS.md step 2 means) of each source, for the
 * results page's plots: the task's main metric, in fixed bins so humans and models share the axis.
 * Fractions use ten bins over 0–100%; NCE ten bins over 0–2; distance ten bins over 0 to the largest
 * finite value (rounded up to a multiple of 10 px). The last bin also takes larger and infinite values.
 */
import { TASKS, type Task } from '../tasks';
import type { QuestionMetric, QuestionScore } from './questionScores';

export interface Histogram {
  metric: QuestionMetric;
  label: string;
  /** Bin edges (bins + 1 values) in the plotted unit (percent, px or NCE). */
  edges: number[];
  /** Source → count per bin. */
  counts: Record<string, number[]>;
}

const SPEC: Record<Task, { metric: QuestionMetric; label: string; scale: number; max: number | 'data' }> = {
  pose: { metric: 'iou2d', label: 'Pose IoU 2D (%)', scale: 100, max: 100 },
  grasp: { metric: 'nce', label: 'Grasp NCE', scale: 1, max: 2 },
  trajectory: { metric: 'dist', label: 'Trajectory distance (px)', scale: 1, max: 'data' },
  rearrangement: { metric: 'recall', label: 'Rearrangement recall (%)', scale: 100, max: 100 },
  spatial: { metric: 'correct', label: 'Spatial success (%)', scale: 100, max: 100 },
  depth: { metric: 'correct', label: 'Rel. depth success (%)', scale: 100, max: 100 },
};

export const HISTOGRAM_BINS = 10;

/** Histograms of `rows` per task (pose uses IoU 3D when every one of its questions has it). */
export function scoreHistograms(rows: readonly QuestionScore[]): Record<Task, Histogram> {
  const out = {} as Record<Task, Histogram>;
  for (const task of TASKS) {
    const mine = rows.filter((r) => r.task === task);
    const spec = SPEC[task];
    const use3d = task === 'pose' && mine.length > 0 && mine.every((r) => r.means.iou3d !== undefined);
    const metric: QuestionMetric = use3d ? 'iou3d' : spec.metric;
    const values = mine.map((r) => (r.means[metric] ?? NaN) * spec.scale);
    const finiteMax = values.filter(Number.isFinite).reduce((m, v) => Math.max(m, v), 0);
    const max = spec.max === 'data' ? Math.max(10, Math.ceil(finiteMax / 10) * 10) : spec.max;
    const edges = Array.from({ length: HISTOGRAM_BINS + 1 }, (_, i) => (max * i) / HISTOGRAM_BINS);
    const counts: Record<string, number[]> = {};
    mine.forEach((r, i) => {
      const v = values[i];
      if (Number.isNaN(v)) return;
      const bin = Math.min(HISTOGRAM_BINS - 1, Math.floor((v / max) * HISTOGRAM_BINS));
      (counts[r.source] ??= new Array(HISTOGRAM_BINS).fill(0))[Math.max(0, bin)]++;
    });
    out[task] = { metric, label: use3d ? 'Pose IoU 3D (%)' : spec.label, edges, counts };
  }
  return out;
}
