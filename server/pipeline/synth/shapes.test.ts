import { describe, expect, it } from 'vitest';
import { CATALOGUE, type Rgb } from './catalogue';
import { wrapTexture } from './labels';
import { modelFaces } from './shapes';
import { drawText, newTexture } from './texture';

const near = (a: Rgb, b: ArrayLike<number>, tol = 40) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tol;

describe('synthetic object shapes', () => {
  it.each(CATALOGUE.map((e) => [e.name, e] as const))('%s fills its model box and never leaves it', (_, e) => {
    const pts = modelFaces(e).flatMap((f) => f.pts);
    for (let axis = 0; axis < 3; axis++) {
      const vs = pts.map((p) => p[axis]);
      const half = e.size[axis] / 2;
      expect(Math.max(...vs)).toBeLessThanOrEqual(half + 1e-6);
      expect(Math.min(...vs)).toBeGreaterThanOrEqual(-half - 1e-6);
      // The box is the object's: it touches every face of it (within 3 mm, a can's rounded rim).
      expect(Math.max(...vs)).toBeGreaterThan(half - 3);
      expect(Math.min(...vs)).toBeLessThan(-half + 3);
    }
  });

  it('gives bottles a neck, the mug a handle and the bowl an inside', () => {
    const radiusAt = (name: string, z: number) => {
      const e = CATALOGUE.find((c) => c.name === name)!;
      const pts = modelFaces(e).flatMap((f) => f.pts).filter((p) => Math.abs(p[2] - z * e.size[2] / 2) < 4);
      return Math.max(...pts.map((p) => Math.hypot(p[0], p[1])));
    };
    expect(radiusAt('ketchup bottle', 1)).toBeLessThan(0.5 * radiusAt('ketchup bottle', 0.2));
    const mug = CATALOGUE.find((c) => c.name === 'mug')!;
    const handle = modelFaces(mug).flatMap((f) => f.pts).filter((p) => p[0] > mug.size[0] / 2 - 20);
    expect(handle.length).toBeGreaterThan(20);
    const bowl = modelFaces(CATALOGUE.find((c) => c.name === 'bowl')!);
    // Faces whose visible side looks up and that lie below the rim: the inside.
    expect(bowl.filter((f) => f.normal[2] > 0.3 && f.pts.every((p) => p[2] < 0)).length).toBeGreaterThan(20);
  });

  it('prints every labelled product’s name in its ink colour', () => {
    for (const e of CATALOGUE.filter((c) => c.label)) {
      const tex = wrapTexture(e, 200, 80);
      let ink = 0;
      for (let i = 0; i < tex.width * tex.height; i++) if (near(e.label!.ink, tex.rgb.subarray(i * 3, i * 3 + 3))) ink++;
      expect(ink / (tex.width * tex.height), e.name).toBeGreaterThan(0.01);
    }
  });

  it('sets text with the font: wider words take more ink, and a word fits the width it is given', () => {
    const ink = (text: string) => {
      const tex = newTexture(400, 100, [255, 255, 255]);
      drawText(tex, text, 200, 50, 380, 60, [0, 0, 0]);
      let n = 0;
      let [minX, maxX] = [400, -1];
      for (let i = 0; i < 400 * 100; i++) {
        if (tex.rgb[i * 3] < 128) {
          n++;
          minX = Math.min(minX, i % 400);
          maxX = Math.max(maxX, i % 400);
        }
      }
      return { n, width: maxX - minX + 1 };
    };
    const [i, m, long] = [ink('I'), ink('MM'), ink('TOMATO SOUP')];
    expect(m.n).toBeGreaterThan(3 * i.n);
    expect(long.width).toBeGreaterThan(300);
    expect(long.width).toBeLessThanOrEqual(382);
  });
});
