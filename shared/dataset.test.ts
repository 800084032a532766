import { describe, expect, it } from 'vitest';
import { parseDatasetLine, toScorableItem } from './dataset';

const base = {
  id: 'core-000017',
  task: 'pose',
  image: 'hope/000001/rgb/000012.png',
  width: 1920,
  height: 1080,
  question: 'Locate the cuboid corners…',
  answer: '"bbox": [[526, 498], [570, 484], [644, 439], [600, 454], [396, 261], [439, 238], [525, 207], [482, 230]]',
  camera: { K: [[1390.5, 0, 964.9], [0, 1386.2, 547.8], [0, 0, 1]] },
  box3d: { center: [-42.1, 31.7, 812.0], size: [63.0, 57.0, 142.0], rotation: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] },
  meta: { dataset: 'hope', scene: 1 },
};
const line = (patch: Record<string, unknown>) => JSON.stringify({ ...base, ...patch });

describe('parseDatasetLine', () => {
  it('reads the FORMAT.md example', () => {
    const r = parseDatasetLine(line({}), 1);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.gt).toEqual({ task: 'pose', points: expect.any(Array) });
      expect(r.item.meta).toEqual({ dataset: 'hope', scene: 1 });
    }
  });

  it.each([
    [{ camera: { K: [[1, 0], [0, 1]] } }, 'line 12, field camera.K: expected 3×3 matrix'],
    [{ image: '../etc/passwd' }, "line 12, field image: expected a relative path without '..'"],
    [{ image: '/abs/x.png' }, 'line 12, field image'],
    [{ task: 'dance' }, 'line 12, field task'],
    [{ answer: 'no idea' }, 'line 12, field answer: no points found'],
    [{ box3d: { ...base.box3d, size: [1, 0, 1] } }, 'line 12, field box3d.size: expected positive sizes'],
    [{ extra: 1 }, 'line 12, field (line)'],
    [{ question_human: '' }, 'line 12, field question_human: expected a non-empty string'],
    [{ question_human: 3 }, 'line 12, field question_human'],
    [{ task: 'rearrangement', answer: '[object markers: [1, 2], [3, 4]]', regions: [[[0, 0], [1, 0], [1, 1]]] }, 'line 12, field regions: expected 2 polygons'],
    [{ task: 'grasp', answer: [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]], alternatives: [[[1, 2]]] }, 'line 12, field alternatives[0]: expected 5 grasp points, got 1'],
  ])('rejects %j', (patch, message) => {
    const r = parseDatasetLine(line(patch), 12);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(message);
  });

  it('rejects invalid JSON with the line number', () => {
    const r = parseDatasetLine('{"id": ', 3);
    expect(!r.ok && r.error).toMatch(/^line 3: not valid JSON/);
  });

  it('reads yes/no ground truth as booleans or words', () => {
    const r = parseDatasetLine(line({ task: 'depth', answer: false, camera: undefined, box3d: undefined }), 1);
    expect(r.ok && r.gt).toEqual({ task: 'depth', value: false });
  });
});

describe('toScorableItem', () => {
  it('carries the parsed ground truth and geometry with the given image size', () => {
    const r = parseDatasetLine(line({ width: undefined, height: undefined }), 1);
    if (!r.ok) throw new Error(r.error);
    const s = toScorableItem(r, 640, 480);
    expect(s).toEqual({
      task: 'pose', width: 640, height: 480, gt: r.gt, alternatives: [], camera: base.camera, box3d: base.box3d,
      source_region: undefined, target_region: undefined, regions: undefined,
    });
  });
});
