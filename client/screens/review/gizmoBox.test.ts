import { describe, expect, it } from 'vitest';
import { projectBox } from '../../../shared/geometry/box3d';
import type { Box3d, Mat3, Vec2 } from '../../../shared/geometry/types';
import { boxInput, gizmoBoxProblem } from './gizmoBox';

const K: Mat3 = [[800, 0, 480], [0, 800, 270], [0, 0, 1]];
const box: Box3d = { center: [0, 0, 900], size: [100, 80, 120], rotation: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };

describe('the gizmo box sent with a pose correction', () => {
  it('is fine when its corners are the answer', () => {
    expect(gizmoBoxProblem(K, box, { task: 'pose', points: projectBox(K, box) })).toBeNull();
  });
  it('names the corner the image edge clamped', () => {
    const points = projectBox(K, box).map((p, i): Vec2 => (i === 5 ? [p[0] + 3, p[1]] : p));
    expect(gizmoBoxProblem(K, box, { task: 'pose', points })).toMatch(/^Corner 6 of the box lies outside the image/);
  });
  it('is sent as fixed-length tuples, values unchanged', () => {
    expect(boxInput(box)).toEqual(box);
  });
});
