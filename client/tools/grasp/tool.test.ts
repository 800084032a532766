import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../shared/tasks';
import { drive } from '../testing/driver';
import { ctx, H, W } from '../testing/ctx';
import { eventScript } from '../testing/scripts';
import { graspFromPoints, graspPoints } from './geometry';
import { createGraspTool, type GraspDraft } from './tool';

const tool = createGraspTool(ctx('grasp'));

function closeTo(a: number[][], b: number[][], eps = 1e-6) {
  a.forEach((p, i) => p.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], -Math.log10(eps))));
}

describe('grasp tool', () => {
  it('correcting a proposal shows and keeps it exactly as given until it is touched', () => {
    // Fingers labelled the other way round from the glyph's convention, tips slightly splayed.
    const given = [[500, 500], [540, 500], [460, 500], [542, 548], [455, 549]] as [number, number][];
    const d = drive<GraspDraft>(tool, tool.fromAnswer({ task: 'grasp', points: given }));
    expect(d.answer).toEqual({ task: 'grasp', points: given });
    d.click(900, 900); // a click beside it only deselects
    expect(d.answer).toEqual({ task: 'grasp', points: given });
    d.drag([500, 500], [520, 510]);
    const moved = 'points' in d.answer! ? d.answer.points : [];
    expect(moved[0]).toEqual([520, 510]);
    expect(d.draft.exact).toBeNull();
  });
  it('press at the centre, drag to the right base: five points, left finger on the left with tips up', () => {
    const d = drive<GraspDraft>(tool).drag([500, 500], [540, 500]);
    const a = d.answer!;
    expect(answerSchema.safeParse(a).success).toBe(true);
    // Opening 80, finger length 0.6 × 80 = 48, tips up (y decreasing).
    closeTo('points' in a ? a.points : [], [[500, 500], [460, 500], [540, 500], [460, 452], [540, 452]]);
  });
  it('matches the dataset convention (grasp/0 of the metric vectors)', () => {
    const gt = [[1608.74, 623.17], [1618.7, 632.14], [1598.79, 614.21], [1592.83, 660.85], [1572.93, 642.91]] as [number, number][];
    const back = graspPoints(graspFromPoints(gt));
    closeTo(back, gt, 0.1);
  });
  it('a plain click gives a default glyph', () => {
    const d = drive(tool).click(300, 300);
    expect(d.answer).not.toBeNull();
    expect(d.captures).toBe(1);
  });
  it('drags the tip handle to set the finger length and nudges it', () => {
    const d = drive<GraspDraft>(tool).drag([500, 500], [540, 500]);
    d.drag([500, 452], [500, 400]);
    expect(d.draft.grasp!.fingerPx).toBeCloseTo(100, 6);
    d.nudge(0, -10);
    expect(d.draft.grasp!.fingerPx).toBeCloseTo(110, 6);
  });
  it('turns and opens symmetrically from the left base', () => {
    const d = drive<GraspDraft>(tool).drag([500, 500], [540, 500]).drag([460, 500], [500, 440]);
    expect(d.draft.grasp!.center).toEqual([500, 500]);
    expect(d.draft.grasp!.openingPx).toBeCloseTo(120, 6);
    expect(d.draft.grasp!.angleRad).toBeCloseTo(Math.PI / 2, 6);
  });
  it('cancel mid-drag restores the committed grasp; delete clears it', () => {
    const d = drive<GraspDraft>(tool).drag([500, 500], [540, 500]);
    const before = d.draft;
    d.down(500, 500).move(900, 900).key('cancel');
    expect(d.draft).toBe(before);
    expect(d.key('delete').answer).toBeNull();
  });
  test.prop([eventScript(W, H)])('every answer passes the schema', (script) => {
    const d = drive(tool);
    for (const ev of script) {
      d.send(ev);
      if (d.answer) expect(answerSchema.safeParse(d.answer).success).toBe(true);
    }
  });
});
