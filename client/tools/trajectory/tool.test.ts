import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../shared/tasks';
import { drive } from '../testing/driver';
import { ctx, H, W } from '../testing/ctx';
import { eventScript } from '../testing/scripts';
import { createPolylineTool } from './tool';

const tool = createPolylineTool(ctx('trajectory'));

describe('polyline tool', () => {
  it('needs two waypoints for an answer', () => {
    const d = drive(tool).click(100, 100);
    expect(d.answer).toBeNull();
    d.click(400, 100);
    expect(d.answer).toEqual({ task: 'trajectory', points: [[100, 100], [400, 100]] });
  });
  it('inserts a waypoint when a segment is clicked', () => {
    const d = drive(tool).click(100, 100).click(400, 100).click(250, 104);
    expect(d.draft.points).toEqual([[100, 100], [250, 100], [400, 100]]);
  });
  it('appends when the click is away from every segment', () => {
    const d = drive(tool).click(100, 100).click(400, 100).click(250, 300);
    expect(d.draft.points.at(-1)).toEqual([250, 300]);
  });
  it('drags a waypoint and deletes it', () => {
    const d = drive(tool).click(100, 100).click(400, 100).drag([400, 100], [420, 130]);
    expect(d.draft.points[1]).toEqual([420, 130]);
    d.key('delete');
    expect(d.answer).toBeNull();
  });
  it('cancel during the first click-drag leaves nothing', () => {
    expect(drive(tool).down(10, 10).move(40, 40).key('cancel').draft.points).toEqual([]);
  });
  test.prop([eventScript(W, H)])('every answer passes the schema', (script) => {
    const d = drive(tool);
    for (const ev of script) {
      d.send(ev);
      if (d.answer) expect(answerSchema.safeParse(d.answer).success).toBe(true);
    }
  });
});
