/** Number wording shared by the tasks' feedback texts. */

/** A 0–1 fraction as a whole percentage (`42%`); `–` when there is no value. */
export function percent(v: number | null | undefined): string {
  return v == null ? '–' : `${(v * 100).toFixed(0)}%`;
}
