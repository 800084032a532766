import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { scanPoints, type LabelledPoint } from './points';

// The regex implementation the hand-written scanner replaced: its specification.
const NUM = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const TAG_RE = /<points?\b([^>]*?)\/?>(?:([\s\S]*?)<\/points?>)?/gi;
const ATTR_RE = new RegExp(String.raw`\b([xy])(\d*)\s*=\s*["']?(${NUM})["']?`, 'gi');
const PAIR_RE = new RegExp(String.raw`[\[(]\s*(${NUM})\s*,\s*(${NUM})\s*[\])]`, 'g');
const KEY_VALUE_RE = new RegExp(String.raw`(?<!\w)x["']?\s*[:=]\s*["']?(${NUM})["']?\s*,\s*["']?y["']?\s*[:=]\s*["']?(${NUM})["']?`, 'gi');

function regexScanTags(text: string): LabelledPoint[] {
  const out: LabelledPoint[] = [];
  for (const m of text.matchAll(TAG_RE)) {
    const xs = new Map<string, number>();
    const ys = new Map<string, number>();
    for (const a of m[1].matchAll(ATTR_RE)) (a[1].toLowerCase() === 'x' ? xs : ys).set(a[2], Number(a[3]));
    const label = (m[2] ?? '').toLowerCase().trim();
    for (const [key, x] of xs) {
      const y = ys.get(key);
      if (y !== undefined) out.push({ point: [x, y], label, after: '' });
    }
  }
  return out;
}
function regexScanPairs(text: string, re: RegExp): LabelledPoint[] {
  const matches = [...text.matchAll(re)];
  return matches.map((m, k) => ({
    point: [Number(m[1]), Number(m[2])],
    label: text.slice(k > 0 ? matches[k - 1].index + matches[k - 1][0].length : 0, m.index).toLowerCase(),
    after: text.slice(m.index + m[0].length, k + 1 < matches.length ? matches[k + 1].index : text.length).toLowerCase(),
  }));
}
function regexScanPoints(text: string): LabelledPoint[] {
  if (/<points?\b/i.test(text)) {
    const tagged = regexScanTags(text);
    if (tagged.length > 0) return tagged;
  }
  const pairs = regexScanPairs(text, PAIR_RE);
  return pairs.length > 0 ? pairs : regexScanPairs(text, KEY_VALUE_RE);
}

// Text built from the fragments that matter to the grammar, so the random strings hit its corners.
const fragment = fc.constantFrom(
  '<points', '<point', '<POINTS', '<pointsx', '</points>', '</point>', '</POINT>', '</points', '<', '>', '/>', '/', ' x', 'x', 'X1', 'y', ' y1', 'y2', 'x2',
  '=', ' = ', '"', "'", '[', ']', '(', ')', '{', '}', ',', ' ', '\n', '\u00a0', '\u2028', '1', '23', '-4', '+5', '.5', '6.', '7.8', 'e', 'E-3', 'e+', '_', 'a',
  'Grasp center', 'Left finger base:', '"x": ', '"y":', ':', 'label', 'İ', 'ſ', 'x=', 'y =', "'x'", 'ax', '9x',
);
const text = fc.array(fragment, { maxLength: 40 }).map((f) => f.join(''));

describe('scanPoints (hand-written scanner)', () => {
  test.prop([text], { numRuns: 3000 })('finds exactly what the regex scanner finds, with the same labels', (t) => {
    expect(scanPoints(t)).toEqual(regexScanPoints(t));
  });

  test.prop([fc.string({ maxLength: 60 })], { numRuns: 1000 })('agrees with the regex scanner on arbitrary strings', (t) => {
    expect(scanPoints(t)).toEqual(regexScanPoints(t));
  });

  it('reads the paper forms', () => {
    const cases = [
      '"bbox": [[526, 498], [570, 484], [1e2, .5]]',
      '<points x="677" y="349">Grasp center</points><points x=693 y=\'367\'>Left finger base</points>',
      '<point x=1 y=2 /><point x=3 y=4>a</point>',
      '<points x1="10" y1="20" x2="30" y2="40" x1="11">alt</points>',
      '[object markers: [865, 631], [1074, 938], (802 , 808)]',
      '```json\n[{"x": 1, "y": 2}, {"x": 3, "y": 4}]\n```',
      'the center is at (x=677, y=349), the tip at (X = 1.5e2, Y: "3")',
      "{'x': '12', 'y': '34'}",
      '[677, 349] (Grasp center), [693, 367] (Left finger base)',
    ];
    for (const c of cases) expect(scanPoints(c)).toEqual(regexScanPoints(c));
  });
});
