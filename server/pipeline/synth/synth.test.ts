import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../shared/geometry/types';
import { openDataset, readGrayPng, readScene } from '../bopReader';
import { obbOverlap } from '../obb';
import { Rng } from '../rng';
import { buildScene } from '../scene';
import { column, dot, matVec, sub, transpose } from '../../../shared/geometry/vec';
import { synthesizeInto } from '.';
import { makeLayout } from './layout';

let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bopask-synth-'));
  await synthesizeInto(join(root, 'a'), { scenes: 3, seed: 11, jobs: 1 });
  await synthesizeInto(join(root, 'b'), { scenes: 1, seed: 11, jobs: 1 });
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('synth', () => {
  it('writes the BOP layout', () => {
    const scene = join(root, 'a', 'test', '000001');
    for (const f of ['scene_camera.json', 'scene_gt.json', 'scene_gt_info.json', 'rgb/000000.png', 'depth/000000.png', 'mask_visib/000000_000000.png']) {
      expect(existsSync(join(scene, f)), f).toBe(true);
    }
    expect(existsSync(join(root, 'a', 'models', 'models_info.json'))).toBe(true);
    expect(existsSync(join(root, 'a', 'objects.json'))).toBe(true);
    const gt = JSON.parse(readFileSync(join(scene, 'scene_gt.json'), 'utf8'))['0'];
    expect(gt.length).toBeGreaterThanOrEqual(4);
    expect(gt.length).toBeLessThanOrEqual(12);
  });

  it('is deterministic given the seed', () => {
    for (const f of ['scene_gt.json', 'scene_camera.json', 'rgb/000000.png', 'depth/000000.png']) {
      expect(readFileSync(join(root, 'b', 'test', '000001', f)).equals(readFileSync(join(root, 'a', 'test', '000001', f))), f).toBe(true);
    }
  });

  it('writes 16-bit depth that matches the poses', () => {
    const ds = openDataset(join(root, 'a'), 'test');
    const [frame] = readScene(ds, ds.sceneDirs[0]);
    const depth = readGrayPng(frame.depthPath!, ds.root, frame.width, frame.height);
    expect(depth.data).toBeInstanceOf(Uint16Array);
    expect(Math.max(...depth.data.slice(0, 5000))).toBeGreaterThan(255);
  });

  it('never makes objects interpenetrate, and all rest on the table', () => {
    for (let s = 1; s <= 40; s++) {
      const { objects } = makeLayout(new Rng(5, s));
      expect(objects.length).toBeGreaterThanOrEqual(4);
      for (let i = 0; i < objects.length; i++) {
        for (let j = i + 1; j < objects.length; j++) expect(obbOverlap(objects[i].obb, objects[j].obb, 0.5)).toBe(false);
      }
    }
  });

  it('recovers the world frame it was made with (up within 1°, table height within 5 mm)', () => {
    const ds = openDataset(join(root, 'a'), 'test');
    for (const dir of ds.sceneDirs) {
      const [frame] = readScene(ds, dir);
      const truth = frame.givenWorldToCamera!;
      const scene = buildScene(ds, frame, new Rng(1), () => {});
      expect(scene.world.method).toBe('depth-ransac');
      const rec = scene.world.worldToCamera;
      const angle = Math.acos(Math.min(1, dot(column(truth.R, 2), column(rec.R, 2)))) * (180 / Math.PI);
      expect(angle).toBeLessThan(1);
      // The recovered origin, expressed in the true world frame, lies on the true table (z = 0).
      const originInTrueWorld = matVec(transpose(truth.R), sub(rec.t, truth.t) as Vec3);
      expect(Math.abs(originInTrueWorld[2])).toBeLessThan(5);
    }
  });
});
