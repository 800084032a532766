/**
 * Okabe–Ito palette (Okabe & Ito 2008): eight colours that people with the common colour-vision
 * deficiencies can still tell apart. Roles, not hues, are what components use; every stroke is drawn
 * over a dark halo so it reads on bright and dark photos alike.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Dark ink for lines and text in the tools' example pictures (SVG on a white panel, not over photos). */
export const INK = '#1d2330';

export const COLORS = {
  /** The contributor's own drawing. */
  draft: OKABE_ITO.orange,
  /** Cuboid front face (corners 0–3) vs back face (corners 4–7): hue and dash both differ. */
  front: OKABE_ITO.orange,
  back: OKABE_ITO.skyBlue,
  /** Grasp fingers: the left one is also labelled "L" so colour is never the only cue. */
  leftFinger: OKABE_ITO.vermillion,
  rightFinger: OKABE_ITO.skyBlue,
  /** The pose box's footprint on the table (a shaded outline under the box). */
  footprint: OKABE_ITO.yellow,
  path: OKABE_ITO.bluishGreen,
  marker: OKABE_ITO.orange,
  /** A generated answer shown read-only in verify mode. */
  overlay: OKABE_ITO.reddishPurple,
  handleFill: '#FFFFFF',
  handleStroke: OKABE_ITO.black,
  selected: OKABE_ITO.yellow,
  halo: 'rgba(0,0,0,0.55)',
} as const;

/** Screen-pixel sizes; divided by the zoom so they look the same at any zoom. */
export const SIZES = {
  handleRadius: 6,
  /** Grab radius is larger than the drawn handle so small handles are still easy to hit. */
  grabRadius: 10,
  stroke: 2,
  halo: 4,
} as const;
