import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Vec2 } from '../geometry/types';
import { GRASP_LABELS } from './grasp';
import { formatAnswer, parseAnswer, type Answer, type ParseResult } from '../tasks';
import { extractPoints, finitePoints, parseNumberToken, type LabelledPoint } from './points';

// Random decimal strings in the `NUM` grammar: sign, integer digits, fraction, exponent.
const digits = (max: number) => fc.array(fc.constantFrom(...'0123456789'), { maxLength: max }).map((d) => d.join(''));
const decimal = fc
  .tuple(fc.constantFrom('', '-', '+'), digits(20), fc.boolean(), digits(25), fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(4))))
  .map(([s, i, dot, f, e]) => s + i + (dot || i === '' ? '.' : '') + (i === '' && f === '' ? '5' : f) + (e ? e.join('') : ''))
  .filter((s) => /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(s));

describe('number fast path', () => {
  test.prop([decimal], { numRuns: 20000 })('equals Number() on random decimal strings', (s) => {
    expect(Object.is(parseNumberToken(s), Number(s))).toBe(true);
  });

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true })], { numRuns: 20000 })('reads every shortest double text back exactly', (x) => {
    const s = String(x).replace(/^-?Infinity$/, '1');
    expect(Object.is(parseNumberToken(s), Number(s))).toBe(true);
  });

  test.prop([fc.integer({ min: 0, max: 2 ** 53 + 8 }), fc.integer({ min: -30, max: 30 })], { numRuns: 20000 })(
    'equals Number() around the 2^53 and 10^±22 bounds',
    (w, e) => {
      for (const s of [`${w}e${e}`, `-${w}e${e}`, `${w}.e${e}`, `0.${w}e${e}`, `${w}`.replace(/^(\d)/, '$1.')]) {
        expect(Object.is(parseNumberToken(s), Number(s))).toBe(true);
      }
    },
  );
});

// The parsers before the string fast paths: LabelledPoint lists from extractPoints, then finitePoints.
// Grasp labels by regex, read before the points or after them, whichever names all five once.
const LABEL_RE = /(cent(?:er|re))|(left|right)[\s_-]*(?:finger)?[\s_-]*(base|tip)/gi;
function labelsIn(text: string): number[] {
  return [...text.matchAll(LABEL_RE)].map((m) => (m[1] ? 0 : (m[2].toLowerCase() === 'left' ? 1 : 2) + (m[3].toLowerCase() === 'tip' ? 2 : 0)));
}
function reading(idx: number[]): true | string | null {
  if (idx.every((i) => i < 0)) return null;
  if (idx.some((i) => i < 0)) return 'some grasp points are labelled and some are not';
  const seen = new Set<number>();
  for (const i of idx) {
    if (seen.has(i)) return `label '${GRASP_LABELS[i]}' given twice`;
    seen.add(i);
  }
  return true;
}
function orderByLabel(found: LabelledPoint[]): LabelledPoint[] | string {
  const before = found.map((p) => labelsIn(p.label).at(-1) ?? -1);
  const after = found.map((p) => labelsIn(p.after)[0] ?? -1);
  const b = reading(before), a = reading(after);
  const place = (idx: number[]) => { const out: LabelledPoint[] = []; idx.forEach((i, k) => (out[i] = found[k])); return out; };
  if (b === true && a === true && before.some((i, k) => i !== after[k])) {
    return 'ambiguous grasp labels: the text reads differently with labels before and after the points';
  }
  if (b === true) return place(before);
  if (a === true) return place(after);
  if (b === null && a === null) return found;
  return (b ?? a) as string;
}
function referenceParse(task: 'pose' | 'grasp' | 'trajectory' | 'rearrangement', raw: string): ParseResult {
  const found = extractPoints(raw.normalize('NFKC'));
  if (!found.ok) return found;
  let pts: LabelledPoint[] | string = found.points;
  const n = pts.length;
  if (task === 'pose' && n !== 8) return { ok: false, reason: `expected 8 corners, got ${n}` };
  if (task === 'grasp') {
    if (n !== 5) return { ok: false, reason: `expected 5 grasp points, got ${n}` };
    pts = orderByLabel(pts);
    if (typeof pts === 'string') return { ok: false, reason: pts };
  }
  if (task === 'trajectory' && n < 2) return { ok: false, reason: `expected at least 2 path points, got ${n}` };
  if (task === 'rearrangement' && n < 1) return { ok: false, reason: 'expected at least 1 object marker, got 0' };
  const f = finitePoints(pts);
  return f.ok ? { ok: true, answer: { task, points: f.points } as Answer } : f;
}

const fragment = fc.constantFrom(
  '<points x="1" y="2">', '<point x=3.25 y=-4>', '</points>', '</point>', 'Grasp center', 'grasp center', ' Left finger base ', 'Right finger base',
  'Left finger tip', 'Right finger tip', 'right_tip', 'LEFT FINGER BASE', 'Grasp centre:', '[5, 6]', '(7.5, 8e1)', '[1e999, 2]', '[]', ', ', ' ', '\n',
  '{"x": 1, "y": 2}', 'point1', '<points x1="1" y1="2" x2="3" y2="4">', '[', ']', 'İ', '0.1234567890123456789', '9007199254740993',
  ' (Grasp center)', ' left tip', '(x=1, y=2)', 'Right-finger-base', 'ｌｅｆｔ ｔｉｐ', 'Ｙｅｓ', '［１，２］',
);
const text = fc.array(fragment, { maxLength: 16 }).map((f) => f.join(''));
const coord = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -2000, max: 2000 }));
const pts = (n: number) => fc.array(fc.tuple(coord, coord) as fc.Arbitrary<Vec2>, { minLength: n, maxLength: n });
const tasks = ['pose', 'grasp', 'trajectory', 'rearrangement'] as const;

describe('string parsers: same results as the LabelledPoint path', () => {
  test.prop([fc.constantFrom(...tasks), text], { numRuns: 4000 })('on point-like text', (task, raw) => {
    expect(parseAnswer(task, raw)).toEqual(referenceParse(task, raw));
  });

  test.prop([fc.constantFrom(...tasks), fc.string({ maxLength: 80 })], { numRuns: 1000 })('on arbitrary strings', (task, raw) => {
    expect(parseAnswer(task, raw)).toEqual(referenceParse(task, raw));
  });

  test.prop([pts(5), fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 })], { numRuns: 1000 })(
    'on shuffled canonical grasp tags',
    (p, order) => {
      const raw = order.map((i) => formatAnswer({ task: 'grasp', points: p }).split('</points>')[i] + '</points>').join('');
      expect(parseAnswer('grasp', raw)).toEqual(referenceParse('grasp', raw));
    },
  );

  test.prop([fc.constantFrom(...tasks), fc.integer({ min: 1, max: 12 }).chain((n) => pts(n))], { numRuns: 1000 })(
    'on canonical forms',
    (task, p) => {
      const n = task === 'pose' ? 8 : task === 'grasp' ? 5 : p.length;
      const a = { task, points: Array.from({ length: n }, (_, i) => p[i % p.length]) } as Answer;
      const raw = formatAnswer(a);
      expect(parseAnswer(task, raw)).toEqual(referenceParse(task, raw));
    },
  );
});
