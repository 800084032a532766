/**
 * The pipeline on real photos: the YCB-Video frames shipped in realdata/ycbv (MIT), and the
 * Linemod-Occluded frame of ../shared/real-bop/lmo when that folder is there (its licence is
 * unconfirmed, so it is read in place and never copied into the repository).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convexHull, pointInPolygon } from './polygon2d';
import { type BopDataset, type BopFrame, openDataset, readGrayPng, readScene } from './bopReader';
import { obbMinZ } from './obb';
import { Rng } from './rng';
import { buildScene } from './scene';

const REAL = join(import.meta.dirname, '..', '..', 'realdata', 'ycbv');
const LMO = join(import.meta.dirname, '..', '..', '..', 'shared', 'real-bop', 'lmo');

function frames(root: string, split: string): { ds: BopDataset; frame: BopFrame }[] {
  const ds = openDataset(root, split);
  return ds.sceneDirs.flatMap((d) => readScene(ds, d).map((frame) => ({ ds, frame })));
}
/** One frame per scene: the frames of a scene are a few video frames apart. */
const firstOfScene = <T extends { frame: BopFrame }>(list: T[]): T[] => list.filter(({ frame }, i) => list.findIndex((f) => f.frame.scene === frame.scene) === i);
const all = [...frames(REAL, 'test'), ...frames(REAL, 'train_real')];
const withMasks = all.filter(({ frame }) => frame.objects.every((o) => o.maskPath));

/** Visible masks as one label image (object j + 1; visible masks never overlap) and their pixel counts. */
function labels(masks: ArrayLike<number>[]): { label: Uint8Array; totals: number[] } {
  const label = new Uint8Array(masks[0].length);
  const totals = masks.map(() => 0);
  masks.forEach((m, j) => {
    for (let i = 0; i < m.length; i++) if (m[i] !== 0) [label[i], totals[j]] = [j + 1, totals[j] + 1];
  });
  return { label, totals };
}

/** Pixels of object k's mask inside `poly`, and of every other object's mask inside `poly`. */
function regionCheck(l: { label: Uint8Array; totals: number[] }, width: number, k: number, poly: [number, number][]) {
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.floor(Math.min(...xs)), Math.ceil(Math.max(...xs)), Math.floor(Math.min(...ys)), Math.ceil(Math.max(...ys))];
  const inside = l.totals.map(() => 0);
  for (let y = Math.max(0, y0); y < y1; y++) for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
    const j = l.label[y * width + x];
    if (j !== 0 && pointInPolygon([x + 0.5, y + 0.5], poly)) inside[j - 1]++;
  }
  return {
    own: l.totals[k], ownIn: inside[k],
    foreign: inside.map((n, j) => ({ inside: n, total: l.totals[j] })).filter((_, j) => j !== k),
  };
}

describe('real frames: regions follow the visible masks', () => {
  it('has the 16 frames with every visible mask', () => {
    expect(all).toHaveLength(18);
    expect(withMasks).toHaveLength(16);
  });

  it('no region covers another object’s visible pixels beyond a small tolerance, and each holds its own mask', () => {
    let hullWorst = 0;
    for (const { ds, frame } of firstOfScene(withMasks)) {
      const scene = buildScene(ds, frame, new Rng(1), () => {});
      const masks = labels(frame.objects.map((o) => readGrayPng(o.maskPath!, ds.root, frame.width, frame.height).data));
      for (const o of scene.objects) {
        if (o.region.length < 3) continue;
        const c = regionCheck(masks, frame.width, o.k, o.region);
        const label = `scene ${frame.scene} frame ${frame.frame} object ${o.text.name}`;
        expect(c.ownIn / c.own, label).toBeGreaterThan(0.97);
        for (const f of c.foreign) {
          // Along a shared edge the simplified outline may cut a pixel or two into the neighbour.
          expect(f.inside, label).toBeLessThanOrEqual(Math.max(40, 0.02 * f.total));
        }
        expect(o.region.length).toBeLessThanOrEqual(64);
        expect(pointInPolygon(o.marker, o.region), label).toBe(true);
        const hull = regionCheck(masks, frame.width, o.k, convexHull(o.region));
        hullWorst = Math.max(hullWorst, ...hull.foreign.map((f) => f.inside));
      }
    }
    // The convex hull, as regions were before, does cover neighbours on these frames.
    expect(hullWorst).toBeGreaterThan(500);
  }, 120_000);
});

/** A box within this angle of upright or lying flat: its lowest face is the object's bottom. */
const ALIGNED_DEG = 8;

/**
 * The recovered table holds the objects resting on it: no box that sits square on the table (one
 * axis within ALIGNED_DEG of up) reaches more than 25 mm below it, and at least half of them have
 * their bottom face within 25 mm of it (the others stand on something). Tilted boxes are left out:
 * a leaning banana's box, or a model box turned in its model frame (YCB's wood block), pokes below
 * the table with its corners while the object itself does not.
 */
function expectResting(root: string, split: string): void {
  for (const { ds, frame } of firstOfScene(frames(root, split))) {
    if (!frame.depthPath) continue;
    const scene = buildScene(ds, frame, new Rng(1), () => {});
    expect(scene.world.method).toBe('depth-ransac');
    const square = scene.objects.filter((o) => o.visibFract > 0.3 &&
      Math.acos(Math.min(1, Math.max(...o.obb.axes.map((a) => Math.abs(a[2]))))) < (ALIGNED_DEG * Math.PI) / 180);
    const bottoms = square.map((o) => obbMinZ(o.obb));
    const label = `${split} scene ${frame.scene} frame ${frame.frame}: ${square.map((o, i) => `${o.text.name} ${bottoms[i].toFixed(0)}`).join(', ')} mm`;
    expect(bottoms.length, label).toBeGreaterThanOrEqual(2);
    for (const b of bottoms) expect(b, label).toBeGreaterThan(-25);
    expect(bottoms.filter((b) => Math.abs(b) < 25).length, label).toBeGreaterThanOrEqual(Math.ceil(bottoms.length / 2));
  }
}

describe('real frames: the table plane from depth (RANSAC)', () => {
  it('puts the objects of every YCB-Video frame with depth on the table', () => {
    expectResting(REAL, 'test');
    expectResting(REAL, 'train_real');
  }, 60_000);

  it.runIf(existsSync(LMO))('puts the Linemod-Occluded objects on the table (../shared, tests only)', () => {
    expectResting(LMO, 'test');
  });
});
