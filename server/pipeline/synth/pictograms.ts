/**
 * Simple pictograms printed on the synthetic products' labels (a tomato on the soup, a fish on the
 * tuna), each a few filled shapes in a unit square (x right, y down), drawn into a label texture.
 */
import type { Rgb } from './catalogue';
import { type Texture, fillRings } from './texture';

type Pt = [number, number];
type Shape =
  | { kind: 'ellipse'; c: Pt; r: Pt; rotDeg?: number; color: Rgb }
  | { kind: 'poly'; pts: Pt[]; color: Rgb };

export type PictogramName =
  | 'tomato' | 'fish' | 'coffee' | 'lemon' | 'chip' | 'drop' | 'wheat' | 'cracker' | 'cube' | 'leaf'
  | 'pasta' | 'cloud' | 'orange' | 'butter' | 'popcorn' | 'peanut' | 'cheese' | 'flower' | 'seed';

const RED: Rgb = [210, 35, 30];
const GREEN: Rgb = [50, 140, 50];
const BROWN: Rgb = [110, 70, 35];
const YELLOW: Rgb = [245, 205, 40];
const WHITE: Rgb = [250, 250, 245];
const ORANGE: Rgb = [245, 140, 30];
const BLUE: Rgb = [60, 130, 220];

const circle = (x: number, y: number, r: number, color: Rgb): Shape => ({ kind: 'ellipse', c: [x, y], r: [r, r], color });
const ellipse = (x: number, y: number, rx: number, ry: number, rotDeg: number, color: Rgb): Shape => ({ kind: 'ellipse', c: [x, y], r: [rx, ry], rotDeg, color });
const poly = (color: Rgb, ...pts: Pt[]): Shape => ({ kind: 'poly', pts, color });

const PICTOGRAMS: Record<PictogramName, Shape[]> = {
  tomato: [circle(0.5, 0.58, 0.36, RED), poly(GREEN, [0.5, 0.22], [0.62, 0.1], [0.58, 0.28], [0.75, 0.25], [0.5, 0.34], [0.25, 0.25], [0.42, 0.28], [0.38, 0.1])],
  fish: [ellipse(0.45, 0.5, 0.32, 0.18, 0, BLUE), poly(BLUE, [0.7, 0.5], [0.95, 0.3], [0.95, 0.7]), circle(0.28, 0.46, 0.04, WHITE)],
  coffee: [ellipse(0.5, 0.5, 0.26, 0.38, 30, BROWN), poly(WHITE, [0.36, 0.22], [0.46, 0.5], [0.6, 0.8], [0.56, 0.82], [0.42, 0.52], [0.32, 0.24])],
  lemon: [ellipse(0.5, 0.5, 0.38, 0.27, -20, YELLOW), ellipse(0.86, 0.36, 0.06, 0.04, -20, YELLOW), ellipse(0.55, 0.2, 0.14, 0.06, -30, GREEN)],
  chip: [ellipse(0.5, 0.5, 0.4, 0.28, 15, [240, 190, 70]), ellipse(0.44, 0.44, 0.05, 0.03, 15, [200, 140, 40]), ellipse(0.62, 0.56, 0.05, 0.03, 15, [200, 140, 40])],
  drop: [circle(0.5, 0.62, 0.27, BLUE), poly(BLUE, [0.5, 0.08], [0.75, 0.55], [0.25, 0.55]), circle(0.42, 0.6, 0.07, WHITE)],
  wheat: [poly(BROWN, [0.48, 0.95], [0.52, 0.95], [0.52, 0.2], [0.48, 0.2]),
    ...[0.25, 0.4, 0.55, 0.7].flatMap((y): Shape[] => [ellipse(0.38, y, 0.12, 0.06, -35, [220, 160, 50]), ellipse(0.62, y, 0.12, 0.06, 35, [220, 160, 50])]),
    ellipse(0.5, 0.14, 0.06, 0.11, 0, [220, 160, 50])],
  cracker: [poly([230, 170, 60], [0.12, 0.12], [0.88, 0.12], [0.88, 0.88], [0.12, 0.88]),
    ...[0.3, 0.5, 0.7].flatMap((y) => [0.3, 0.5, 0.7].map((x) => circle(x, y, 0.045, [150, 90, 20])))],
  cube: [poly(WHITE, [0.2, 0.35], [0.5, 0.2], [0.8, 0.35], [0.5, 0.5]), poly([210, 210, 205], [0.2, 0.35], [0.5, 0.5], [0.5, 0.85], [0.2, 0.7]),
    poly([185, 185, 180], [0.5, 0.5], [0.8, 0.35], [0.8, 0.7], [0.5, 0.85])],
  leaf: [ellipse(0.5, 0.5, 0.4, 0.2, -40, GREEN), poly([30, 90, 30], [0.2, 0.82], [0.78, 0.2], [0.8, 0.23], [0.23, 0.84])],
  pasta: [0.2, 0.35, 0.5, 0.65, 0.8].map((x): Shape => poly([240, 200, 110], [x - 0.03, 0.1], [x + 0.03, 0.1], [x + 0.03, 0.9], [x - 0.03, 0.9])),
  cloud: [circle(0.32, 0.58, 0.2, WHITE), circle(0.55, 0.45, 0.25, WHITE), circle(0.75, 0.6, 0.17, WHITE), poly(WHITE, [0.3, 0.78], [0.78, 0.78], [0.78, 0.6], [0.3, 0.6])],
  orange: [circle(0.5, 0.55, 0.36, ORANGE), ellipse(0.6, 0.16, 0.13, 0.06, -25, GREEN), circle(0.5, 0.2, 0.03, BROWN)],
  butter: [poly([250, 225, 120], [0.12, 0.45], [0.6, 0.3], [0.9, 0.45], [0.42, 0.62]), poly([235, 200, 90], [0.12, 0.45], [0.42, 0.62], [0.42, 0.82], [0.12, 0.65]),
    poly([215, 180, 70], [0.42, 0.62], [0.9, 0.45], [0.9, 0.65], [0.42, 0.82])],
  popcorn: [circle(0.35, 0.4, 0.16, WHITE), circle(0.62, 0.35, 0.16, WHITE), circle(0.5, 0.6, 0.18, WHITE), circle(0.3, 0.68, 0.13, WHITE), circle(0.72, 0.64, 0.14, WHITE),
    circle(0.5, 0.45, 0.06, YELLOW)],
  peanut: [ellipse(0.38, 0.4, 0.2, 0.24, -30, [215, 170, 110]), ellipse(0.62, 0.62, 0.2, 0.24, -30, [215, 170, 110])],
  cheese: [poly(YELLOW, [0.1, 0.75], [0.9, 0.75], [0.9, 0.35], [0.1, 0.6]), circle(0.4, 0.63, 0.05, [220, 170, 20]), circle(0.7, 0.55, 0.06, [220, 170, 20])],
  flower: [...[0, 72, 144, 216, 288].map((a): Shape => {
    const r = (a * Math.PI) / 180;
    return ellipse(0.5 + 0.22 * Math.cos(r), 0.5 + 0.22 * Math.sin(r), 0.17, 0.1, a, [235, 120, 160]);
  }), circle(0.5, 0.5, 0.1, YELLOW)],
  seed: [ellipse(0.5, 0.5, 0.2, 0.34, 0, [170, 120, 60]), ellipse(0.5, 0.5, 0.03, 0.26, 0, [120, 80, 40])],
};

function ellipseRing(c: Pt, r: Pt, rotDeg: number): Pt[] {
  const rot = (rotDeg * Math.PI) / 180;
  return Array.from({ length: 32 }, (_, i) => {
    const t = (2 * Math.PI * i) / 32;
    const [x, y] = [r[0] * Math.cos(t), r[1] * Math.sin(t)];
    return [c[0] + x * Math.cos(rot) - y * Math.sin(rot), c[1] + x * Math.sin(rot) + y * Math.cos(rot)] as Pt;
  });
}

/** The badge behind a pictogram: white, except under the pictograms that are white themselves. */
export function badgeColor(name: PictogramName): Rgb {
  return ({ popcorn: [215, 45, 40], cloud: [80, 140, 215], cube: [50, 100, 200] } as Partial<Record<PictogramName, Rgb>>)[name] ?? [250, 250, 245];
}

/** Draws pictogram `name` into the square of side `size` (texture pixels) with top-left (x, y). */
export function drawPictogram(tex: Texture, name: PictogramName, x: number, y: number, size: number): void {
  for (const s of PICTOGRAMS[name]) {
    const ring = s.kind === 'poly' ? s.pts : ellipseRing(s.c, s.r, s.rotDeg ?? 0);
    fillRings(tex, [ring.map(([px, py]) => [x + px * size, y + py * size] as Pt)], s.color);
  }
}
