/**
 * The PnP search against the exhaustive reference (pnpReference.ts: every class refined to convergence
 * from its own DLT, its twin and 100 grid rotations, no pruning). On every kind of answer — ground truth
 * plus 10–45 px of noise, boxes drawn ×0.3–0.7 or ×1.3–2.5, tilted boxes, random points across the image
 * — `fitBoxToCorners` must find a fit at least as good (RMS within 1e-6 relative) and, where the optimum
 * is the same, the same IoU 3D. The reference costs tens of ms per answer, so these are a few hundred
 * answers; `npm run bench` runs more. A failure names the kind, the seed and the answer.
 */
import { describe, expect, it } from 'vitest';
import { fitBoxToCorners, fitToBox } from './pnp';
import { exhaustiveFit, PNP_K, PNP_KINDS, pnpCases, type PnpCase } from './pnpReference';
import { boxIou3d } from './polyhedron';
import type { Mat3 } from './types';

function compare(K: Mat3, c: PnpCase): { prodRms: number; refRms: number; iouDiff: number } {
  const f = fitBoxToCorners(K, c.box.size, c.pts);
  const r = exhaustiveFit(K, c.box.size, c.pts, 100);
  const prodRms = f ? f.rms : Infinity, refRms = r ? r.rms : Infinity;
  const same = Math.abs(prodRms - refRms) <= 1e-6 * refRms + 1e-9;
  const iouDiff = same && f && r ? Math.abs(boxIou3d(fitToBox(f, c.box.size), c.box) - boxIou3d(fitToBox({ ...r, R: r.R }, c.box.size), c.box)) : 0;
  return { prodRms, refRms, iouDiff };
}

describe('PnP search equals the exhaustive reference', () => {
  const seed = Number(process.env.PNP_SEED ?? 20261201);
  for (const kind of PNP_KINDS) {
    // Random points have the most local minima: more of them.
    const n = kind === 'random' ? 30 : 12;
    it(`${kind}: ${n} answers (seed ${seed})`, () => {
      for (const [i, c] of pnpCases(kind, n, seed + kind.length).entries()) {
        const { prodRms, refRms, iouDiff } = compare(PNP_K, c);
        const where = `${kind} seed ${seed + kind.length} answer ${i}: ${JSON.stringify(c.pts)}`;
        expect(prodRms, where).toBeLessThanOrEqual(refRms * (1 + 1e-6) + 1e-9);
        expect(iouDiff, where).toBeLessThan(1e-5);
      }
    }, 300_000);
  }

  for (const [name, K] of [
    ['skewed K', [[1250, 4, 630], [0, 1320, 350], [0, 0, 1]]],
    ['K with a non-zero last row (general path)', [[1300, 0, 640], [0, 1300, 360], [2e-6, -1e-6, 1]]],
  ] as [string, Mat3][]) {
    it(`${name}: noisy and random answers`, () => {
      const cases = [...pnpCases('noise30', 6, seed + 1, K), ...pnpCases('random', 6, seed + 2, K)];
      for (const [i, c] of cases.entries()) {
        const { prodRms, refRms, iouDiff } = compare(K, c);
        const where = `${name} answer ${i}: ${JSON.stringify(c.pts)}`;
        expect(prodRms, where).toBeLessThanOrEqual(refRms * (1 + 1e-6) + 1e-9);
        expect(iouDiff, where).toBeLessThan(1e-5);
      }
    }, 300_000);
  }
});
