import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../shared/tasks';
import { drive } from '../testing/driver';
import { ctx, H, W } from '../testing/ctx';
import { eventScript } from '../testing/scripts';
import { createPointTool } from './tool';

const tool = createPointTool(ctx('rearrangement'));

describe('point tool', () => {
  it('adds markers on click and completes with one', () => {
    const d = drive(tool).click(100, 200).click(300, 400);
    expect(d.answer).toEqual({ task: 'rearrangement', points: [[100, 200], [300, 400]] });
    expect(d.captures).toBe(2);
  });
  it('has no answer until a marker exists', () => {
    expect(drive(tool).answer).toBeNull();
  });
  it('drags an existing marker without adding one', () => {
    const d = drive(tool).click(100, 200).drag([102, 201], [150, 260]);
    expect(d.answer?.task === 'rearrangement' && d.answer.points).toEqual([[148, 259]]);
  });
  it('selecting by click is not an undo entry', () => {
    const d = drive(tool).click(100, 200).click(101, 200);
    expect(d.captures).toBe(1);
  });
  it('cancel in the middle of a drag rolls back', () => {
    const d = drive(tool).click(100, 200).down(100, 200).move(500, 500).key('cancel');
    expect(d.draft.points).toEqual([[100, 200]]);
  });
  it('deletes and nudges the selected marker', () => {
    const d = drive(tool).click(10, 10).click(50, 50).nudge(1, 0).nudge(10, -10);
    expect(d.draft.points[1]).toEqual([61, 40]);
    d.key('delete');
    expect(d.draft.points).toEqual([[10, 10]]);
  });
  it('ignores clicks outside the image and clamps drags to it', () => {
    const d = drive(tool).click(-20, 50);
    expect(d.answer).toBeNull();
    d.click(5, 5).drag([5, 5], [-100, 5000]);
    expect(d.draft.points).toEqual([[0, H]]);
  });
  test.prop([eventScript(W, H)])('every answer passes the schema and lies in the image', (script) => {
    const d = drive(tool);
    for (const ev of script) {
      d.send(ev);
      const a = d.answer;
      if (a) {
        expect(answerSchema.safeParse(a).success).toBe(true);
        if ('points' in a) for (const [x, y] of a.points) expect(x >= 0 && y >= 0 && x <= W && y <= H).toBe(true);
      }
    }
  });
});
