import { describe, expect, it } from 'vitest';
import { answerSchema } from '../../../shared/tasks';
import { drive } from '../testing/driver';
import { ctx } from '../testing/ctx';
import { createBinaryTool } from './tool';

describe('binary tool', () => {
  it('answers yes / no for its task', () => {
    const d = drive(createBinaryTool(ctx('depth'))).command('yes');
    expect(d.answer).toEqual({ task: 'depth', value: true });
    expect(answerSchema.safeParse(d.answer).success).toBe(true);
    d.command('no');
    expect(d.answer).toEqual({ task: 'depth', value: false });
    expect(d.captures).toBe(2);
  });
  it('ignores pointer input and repeated choices', () => {
    const d = drive(createBinaryTool(ctx('spatial'))).click(10, 10).command('yes').command('yes');
    expect(d.captures).toBe(1);
    expect(d.answer).toEqual({ task: 'spatial', value: true });
  });
  it('delete clears the answer; nothing chosen is no answer', () => {
    const d = drive(createBinaryTool(ctx('spatial')));
    expect(d.answer).toBeNull();
    expect(d.command('no').key('delete').answer).toBeNull();
  });
});
