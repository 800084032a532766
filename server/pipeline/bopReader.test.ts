import { normativePath } from '../../testdata/normative';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../../shared/errors';
import { projectPoint } from '../../shared/geometry/box3d';
import { CORNER_SIGNS } from '../../shared/geometry/box3d';
import type { Vec2, Vec3 } from '../../shared/geometry/types';
import { parseAnswer } from '../../shared/tasks';
import { generateDataset } from './generate';
import { synthesizeInto } from './synth';
import { add, fromFlat, matVec } from '../../shared/geometry/vec';

const YCBV = normativePath('real-bop/ycbv');
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bopask-reader-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the ycbv scene with one file replaced. */
function brokenCopy(name: string, file: string, content: string): string {
  const dir = join(root, name);
  cpSync(YCBV, dir, { recursive: true });
  writeFileSync(join(dir, file), content);
  return dir;
}

async function refusal(bop: string, out: string): Promise<BadInputError> {
  try {
    await generateDataset({ bop, out, jobs: 1 });
  } catch (err) {
    expect(err).toBeInstanceOf(BadInputError);
    expect(existsSync(out)).toBe(false);
    return err as BadInputError;
  }
  throw new Error('expected the dataset to be refused');
}

describe('BOP reader errors', () => {
  it('refuses a truncated scene_gt.json with its name, writing nothing', async () => {
    const text = readFileSync(join(YCBV, 'test/000048/scene_gt.json'), 'utf8');
    const bop = brokenCopy('truncated', 'test/000048/scene_gt.json', text.slice(0, 200));
    expect((await refusal(bop, join(root, 'out1'))).message).toMatch(/test\/000048\/scene_gt\.json: not valid JSON/);
  });

  it('names the field of a malformed value', async () => {
    const cam = JSON.parse(readFileSync(join(YCBV, 'test/000048/scene_camera.json'), 'utf8'));
    cam['1'].cam_K = cam['1'].cam_K.slice(0, 8);
    const bop = brokenCopy('badK', 'test/000048/scene_camera.json', JSON.stringify(cam));
    expect((await refusal(bop, join(root, 'out2'))).message).toMatch(/scene_camera\.json: field "1"\.cam_K/);
  });

  it('names models_info.json when an object has no model box', async () => {
    const info = JSON.parse(readFileSync(join(YCBV, 'models/models_info.json'), 'utf8'));
    delete info['14'];
    const bop = brokenCopy('noModel', 'models/models_info.json', JSON.stringify(info));
    expect((await refusal(bop, join(root, 'out3'))).message).toMatch(/scene_gt\.json: field "1"\[2\]\.obj_id: 14 is not in models\/models_info\.json/);
  });

  it('refuses a truncated depth PNG with its name', async () => {
    const bop = join(root, 'synthDepth');
    await synthesizeInto(bop, { scenes: 1, seed: 2, jobs: 1 });
    const depth = join(bop, 'test/000001/depth/000000.png');
    writeFileSync(depth, readFileSync(depth).subarray(0, 500));
    expect((await refusal(bop, join(root, 'out4'))).message).toMatch(/test\/000001\/depth\/000000\.png: not a readable PNG/);
  });
});

describe('the real YCB-V scene', () => {
  it('converts as it is; pose answers are the projected model boxes', async () => {
    const out = join(root, 'ycbv-out');
    const warnings: string[] = [];
    const result = await generateDataset({ bop: YCBV, out, jobs: 1, warn: (m) => warnings.push(m) });
    expect(warnings.join()).toMatch(/no usable depth/);
    const lines = readFileSync(result.datasetPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(10);
    const gt = JSON.parse(readFileSync(join(YCBV, 'test/000048/scene_gt.json'), 'utf8'))['1'];
    const info = JSON.parse(readFileSync(join(YCBV, 'models/models_info.json'), 'utf8'));
    const cam = JSON.parse(readFileSync(join(YCBV, 'test/000048/scene_camera.json'), 'utf8'))['1'];
    const K = fromFlat(cam.cam_K);
    const poses = lines.filter((l) => l.task === 'pose');
    expect(poses.length).toBeGreaterThan(2);
    for (const l of poses) {
      // Independent of the pipeline: model-frame corners from models_info, moved by the pose, projected.
      const g = gt[l.meta.gt_index];
      const m = info[String(g.obj_id)];
      const expected = CORNER_SIGNS.map((s): Vec2 => {
        const local: Vec3 = [m.min_x + ((s[0] + 1) / 2) * m.size_x, m.min_y + ((s[1] + 1) / 2) * m.size_y, m.min_z + ((s[2] + 1) / 2) * m.size_z];
        return projectPoint(K, add(matVec(fromFlat(g.cam_R_m2c), local), g.cam_t_m2c));
      });
      const got = parseAnswer('pose', l.answer);
      if (!got.ok || !('points' in got.answer)) throw new Error('unreadable pose answer');
      got.answer.points.forEach((p, i) => expect(Math.hypot(p[0] - expected[i][0], p[1] - expected[i][1])).toBeLessThan(0.5));
    }
    const names = ['coffee can', 'tuna can', 'mug', 'clamp'];
    for (const l of lines) expect(names.some((n) => l.question.includes(n) || l.question.includes('Master Chef') || l.question.includes('StarKist')), l.question).toBe(true);
    expect(existsSync(join(out, lines[0].image))).toBe(true);
  });
});
