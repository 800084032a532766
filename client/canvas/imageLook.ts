/**
 * How the photo is shown: brightness and contrast, 1 = as it is. Dark photos (a shelf in shadow) and
 * washed-out ones hide edges that a box or a marker must meet. Only the view changes, never the image
 * or an answer.
 */
export interface ImageLook {
  brightness: number;
  contrast: number;
}

export const PLAIN_LOOK: ImageLook = { brightness: 1, contrast: 1 };
/** Slider range of both settings (share of the original). */
export const LOOK_RANGE = { min: 0.5, max: 2.5, step: 0.05 } as const;

/** The CSS / canvas filter for a look; 'none' when the photo is shown as it is. */
export function lookFilter(look: ImageLook): string {
  if (look.brightness === 1 && look.contrast === 1) return 'none';
  return `brightness(${look.brightness}) contrast(${look.contrast})`;
}
