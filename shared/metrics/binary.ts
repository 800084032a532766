/** Spatial and relative-depth metric (METRICS.md): success when the yes/no answer equals the truth. */

/** 1 when `pred` equals `gt`, else 0; an invalid (null) answer scores 0. */
export function binaryCorrect(pred: boolean | null, gt: boolean): number {
  return pred !== null && pred === gt ? 1 : 0;
}
