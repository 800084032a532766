import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { imagePx, stagePx } from '../../shared/geometry/types';
import { fitView, panBy, scaleLimits, toImage, toStage, wheelZoomFactor, zoomAbout } from './viewport';

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });

describe('viewport', () => {
  it('fits a 4K image into 1366×900 centred', () => {
    const v = fitView({ width: 3840, height: 2160 }, { width: 1366, height: 900 }, 0);
    expect(v.scale).toBeCloseTo(1366 / 3840, 9);
    expect(v.x).toBeCloseTo(0, 9);
    expect(v.y).toBeCloseTo((900 - 2160 * v.scale) / 2, 9);
  });
  it('handles an empty stage', () => {
    expect(fitView({ width: 100, height: 100 }, { width: 0, height: 0 })).toEqual({ scale: 1, x: 0, y: 0 });
  });
  test.prop([finite(0.05, 20), finite(-2000, 2000), finite(-2000, 2000), finite(-500, 5000), finite(-500, 5000)])(
    'stage ↔ image round trip',
    (scale, x, y, px, py) => {
      const v = { scale, x, y };
      const back = toImage(v, toStage(v, imagePx(px, py)));
      expect(back[0]).toBeCloseTo(px, 6);
      expect(back[1]).toBeCloseTo(py, 6);
    },
  );
  test.prop([finite(0.1, 10), finite(0, 1000), finite(0, 1000), finite(0.2, 5)])('zoom keeps the point under the cursor fixed', (scale, ax, ay, factor) => {
    const v = { scale, x: 13, y: -7 };
    const at = stagePx(ax, ay);
    const before = toImage(v, at);
    const after = toImage(zoomAbout(v, at, factor, { min: 0.01, max: 100 }), at);
    expect(after[0]).toBeCloseTo(before[0], 6);
    expect(after[1]).toBeCloseTo(before[1], 6);
  });
  it('clamps the zoom and pans in stage pixels', () => {
    const limits = scaleLimits(0.4);
    expect(zoomAbout({ scale: 30, x: 0, y: 0 }, stagePx(0, 0), 10, limits).scale).toBe(32);
    expect(panBy({ scale: 2, x: 1, y: 2 }, 10, -5)).toEqual({ scale: 2, x: 11, y: -3 });
  });
  it('wheel down zooms out, up zooms in', () => {
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
    expect(wheelZoomFactor(-3, 1)).toBeGreaterThan(1);
  });
});
