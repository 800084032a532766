/** The names and units of the agreement figures (apart from agreement.ts so formatters need no geometry). */
import type { Task } from '../tasks';

/** What each task's agreement figure is, for the table's notes. */
export const AGREEMENT_MEASURES: Record<Task, { name: string; higherIsBetter: boolean; scale: number; unit: string }> = {
  pose: { name: 'mean pairwise IoU 3D of the two lifted boxes', higherIsBetter: true, scale: 100, unit: '%' },
  trajectory: { name: 'mean pairwise resampled-path distance', higherIsBetter: false, scale: 1, unit: 'px' },
  grasp: { name: 'mean pairwise NCE (mean of the two directed NCEs)', higherIsBetter: false, scale: 1, unit: '' },
  rearrangement: { name: 'mean pairwise F1 of the matched markers', higherIsBetter: true, scale: 100, unit: '%' },
  spatial: { name: "Krippendorff's alpha (nominal)", higherIsBetter: true, scale: 1, unit: '' },
  depth: { name: "Krippendorff's alpha (nominal)", higherIsBetter: true, scale: 1, unit: '' },
};
