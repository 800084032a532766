/**
 * Forms models write (labels after the point, `(x=…, y=…)`, full-width text) and inputs built to make a
 * backtracking parser quadratic: every parser path must stay linear in the input.
 */
import { describe, expect, it } from 'vitest';
import { parseAnswer, type Task } from '../tasks';

const grasp = [[677, 349], [693, 367], [664, 332], [704, 407], [674, 370]];

describe('forms models write', () => {
  it.each([
    ['labels after the points', '[677, 349] (Grasp center), [693, 367] (Left finger base), [664, 332] (Right finger base), [704, 407] (Left finger tip), [674, 370] (Right finger tip)'],
    ['bare labels after the points', '[677, 349] grasp center\n[693, 367] left finger base\n[664, 332] right finger base\n[704, 407] left finger tip\n[674, 370] right finger tip'],
    ['labels after, shuffled', '[664, 332] (Right finger base) [677, 349] (Grasp center) [674, 370] (Right finger tip) [693, 367] (Left finger base) [704, 407] (Left finger tip)'],
    ['labels before, with a label word after the last point', 'Grasp center: [677, 349], Left finger base: [693, 367], Right finger base: [664, 332], Left finger tip: [704, 407], Right finger tip: [674, 370]. The right finger tip touches the lid.'],
    ['key/value points', 'Grasp center (x=677, y=349); left finger base (x=693, y=367); right finger base (x=664, y=332); left finger tip (x=704, y=407); right finger tip (x=674, y=370)'],
    ['full-width text', 'Ｇｒａｓｐ ｃｅｎｔｅｒ：［６７７，３４９］，Ｌｅｆｔ ｆｉｎｇｅｒ ｂａｓｅ：［６９３，３６７］，Ｒｉｇｈｔ ｆｉｎｇｅｒ ｂａｓｅ：［６６４，３３２］，Ｌｅｆｔ ｆｉｎｇｅｒ ｔｉｐ：［７０４，４０７］，Ｒｉｇｈｔ ｆｉｎｇｅｒ ｔｉｐ：［６７４，３７０］'],
  ])('grasp with %s is read in label order', (_name, raw) => {
    expect(parseAnswer('grasp', raw)).toEqual({ ok: true, answer: { task: 'grasp', points: grasp } });
  });

  it('refuses a labelling that reads differently before and after the points, never shifting labels', () => {
    const raw = 'center [1, 2] left base [3, 4] right base [5, 6] left tip [7, 8] right tip [9, 10] center';
    const r = parseAnswer('grasp', raw);
    expect(r).toEqual({ ok: false, reason: 'ambiguous grasp labels: the text reads differently with labels before and after the points' });
  });

  it('reads (x=…, y=…) points for every point task', () => {
    expect(parseAnswer('trajectory', 'start (x=677, y=349) then (x = 10.5, y = -2e1)')).toEqual({ ok: true, answer: { task: 'trajectory', points: [[677, 349], [10.5, -20]] } });
    expect(parseAnswer('rearrangement', "{'x': '865', 'y': '631'}")).toEqual({ ok: true, answer: { task: 'rearrangement', points: [[865, 631]] } });
    expect(parseAnswer('rearrangement', 'max=3, y=4').ok).toBe(false); // `max` is not an x key
  });

  it('reads full-width yes and no', () => {
    expect(parseAnswer('spatial', 'Ｙｅｓ')).toEqual({ ok: true, answer: { task: 'spatial', value: true } });
    expect(parseAnswer('depth', 'ＮＯ。')).toEqual({ ok: true, answer: { task: 'depth', value: false } });
  });
});

describe('parsing is linear in the input', () => {
  const MB = 1 << 20;
  const pad = (s: string, n = MB) => s.repeat(Math.ceil(n / s.length)).slice(0, n);
  // Each would take minutes to hours with a backtracking parser; linear parsing takes milliseconds.
  const worst: [string, Task, string][] = [
    ['left + spaces (grasp label)', 'grasp', 'left' + pad(' ') + '[1, 2] [3, 4] [5, 6] [7, 8] [9, 10]'],
    ['left finger + separators', 'grasp', pad('left finger _-') + '[1, 2] [3, 4] [5, 6] [7, 8] [9, 10]'],
    ['x= + a run of digits', 'trajectory', '{x:' + pad('1')],
    ['[ + a run of digits', 'pose', '[' + pad('9')],
    ['[ + spaces', 'pose', '[' + pad(' ')],
    ['many open tags, no closing tag', 'trajectory', pad('<point x=1 y=2>')],
    ['many open tags, no >', 'trajectory', pad('<points x=1 ')],
    ['many x keys', 'rearrangement', pad('(x=1, ')],
    ['many brackets', 'pose', pad('[1, [')],
    ['yes/no search', 'spatial', pad('maybe ')],
  ];
  it.each(worst)('%s: a 1 MB line parses in well under a second', (_name, task, raw) => {
    const t0 = performance.now();
    parseAnswer(task, raw);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
