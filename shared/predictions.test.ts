import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MAX_REPORTED_ERRORS, parsePredictionLine, PredictionChecker } from './predictions';

const line = (o: Record<string, unknown>) => JSON.stringify(o);

describe('parsePredictionLine', () => {
  it('reads both FORMAT.md examples, trimming the source', () => {
    expect(parsePredictionLine(line({ id: 'core-1', source: ' NVILA-15B ', output: '"bbox": [[530, 500]]' }))).toEqual({
      ok: true,
      value: { id: 'core-1', source: 'NVILA-15B', output: '"bbox": [[530, 500]]' },
    });
    expect(parsePredictionLine(line({ id: 'core-1', source: 'Human', annotator: 'p-4f2a', output: [[531, 497]] }))).toEqual({
      ok: true,
      value: { id: 'core-1', source: 'Human', annotator: 'p-4f2a', output: [[531, 497]] },
    });
  });

  it('keeps an unreadable output (it is scored as invalid, not refused)', () => {
    expect(parsePredictionLine(line({ id: 'a', source: 'M', output: null })).ok).toBe(true);
    expect(parsePredictionLine(line({ id: 'a', source: 'M', output: { any: 'thing' } })).ok).toBe(true);
  });

  it.each([
    ['{not json', 'not valid JSON'],
    ['[1, 2]', 'expected a JSON object'],
    [line({ source: 'M', output: 'x' }), 'field id: expected a non-empty string'],
    [line({ id: '', source: 'M', output: 'x' }), 'field id: expected a non-empty string'],
    [line({ id: 'a', output: 'x' }), 'field source: expected a non-empty string'],
    [line({ id: 'a', source: '', output: 'x' }), 'field source: expected a non-empty string'],
    [line({ id: 'a', source: ' \t ', output: 'x' }), 'field source: expected a non-empty string'],
    [line({ id: 'a', source: 7, output: 'x' }), 'field source: expected a non-empty string'],
    [line({ id: 'a', source: 'M'.repeat(101), output: 'x' }), 'field source: expected at most 100 characters, got 101'],
    [line({ id: 'a', source: 'M', annotator: '  ', output: 'x' }), 'field annotator: expected a non-empty string'],
    [line({ id: 'a', source: 'M', annotator: 3, output: 'x' }), 'field annotator: expected a non-empty string'],
    [line({ id: 'a', source: 'M', annotator: 'a'.repeat(201), output: 'x' }), 'field annotator: expected at most 200 characters'],
    [line({ id: 'a', source: 'M' }), 'field output: missing'],
  ])('refuses %s', (text, reason) => {
    const r = parsePredictionLine(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  const prediction = fc.record(
    {
      id: fc.string({ minLength: 1 }),
      source: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim() === s && s !== ''),
      annotator: fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim() !== ''),
      output: fc.jsonValue(),
    },
    { requiredKeys: ['id', 'source', 'output'] },
  );
  test.prop([prediction])('parse ∘ JSON.stringify is the identity on valid lines', (p) => {
    expect(parsePredictionLine(JSON.stringify(p))).toEqual({ ok: true, value: JSON.parse(JSON.stringify(p)) });
  });
  test.prop([fc.string()])('never throws on arbitrary text', (s) => {
    expect(() => parsePredictionLine(s)).not.toThrow();
  });
});

describe('PredictionChecker', () => {
  it('refuses a repeated (id, source, annotator) with file:line, also across files and after trimming', () => {
    const c = new PredictionChecker();
    expect(c.check('a.jsonl', line({ id: 'q', source: 'M', output: 1 }), 1)).toBeDefined();
    expect(c.check('a.jsonl', line({ id: 'q', source: 'H', annotator: 'x', output: 1 }), 2)).toBeDefined();
    expect(c.check('a.jsonl', line({ id: 'q', source: 'H', annotator: 'y', output: 1 }), 3)).toBeDefined();
    expect(c.check('a.jsonl', line({ id: 'q', source: 'M ', output: 2 }), 4)).toBeUndefined();
    expect(c.check('b.jsonl', line({ id: 'q', source: 'H', annotator: 'x', output: 1 }), 7)).toBeUndefined();
    expect(c.errorCount).toBe(2);
    expect(c.report('nothing was scored')).toBe(
      '2 bad line(s); nothing was scored:\n' +
        "  a.jsonl:4: a second answer to 'q' from M (the first is at line 1)\n" +
        "  b.jsonl:7: a second answer to 'q' from H (annotator x) (the first is at a.jsonl:2)",
    );
  });

  it('names where the first answer was through several files and a file given twice', () => {
    const c = new PredictionChecker();
    const at = (file: string, id: string, lineNo: number) => c.check(file, line({ id, source: 'M', output: 1 }), lineNo);
    at('a.jsonl', 'q1', 1);
    at('a.jsonl', 'q2', 5);
    at('b.jsonl', 'q3', 2);
    at('a.jsonl', 'q4', 3); // a.jsonl again, from its start
    at('c.jsonl', 'q4', 9);
    at('c.jsonl', 'q2', 10);
    at('c.jsonl', 'q3', 11);
    expect(c.report('x')!.split('\n').slice(1)).toEqual([
      "  c.jsonl:9: a second answer to 'q4' from M (the first is at a.jsonl:3)",
      "  c.jsonl:10: a second answer to 'q2' from M (the first is at a.jsonl:5)",
      "  c.jsonl:11: a second answer to 'q3' from M (the first is at b.jsonl:2)",
    ]);
  });

  it('names the first answer\'s line across blank, bad and repeated lines between good ones', () => {
    const c = new PredictionChecker();
    const at = (id: string, lineNo: number) => c.check('a.jsonl', line({ id, source: 'M', output: 1 }), lineNo);
    at('q1', 1);
    at('q2', 2);
    c.check('a.jsonl', '{', 3);
    at('q3', 5); // line 4 blank: skipped by the caller
    at('q1', 6);
    at('q4', 7);
    at('q3', 9);
    at('q4', 10);
    at('q2', 11);
    expect(c.report('x')!.split('\n').slice(2)).toEqual([
      "  a.jsonl:6: a second answer to 'q1' from M (the first is at line 1)",
      "  a.jsonl:9: a second answer to 'q3' from M (the first is at line 5)",
      "  a.jsonl:10: a second answer to 'q4' from M (the first is at line 7)",
      "  a.jsonl:11: a second answer to 'q2' from M (the first is at line 2)",
    ]);
  });

  it('reports nothing for good files', () => {
    const c = new PredictionChecker();
    c.check('a.jsonl', line({ id: 'q', source: 'M', output: 1 }), 1);
    expect(c.report('nothing was scored')).toBeUndefined();
  });

  it(`lists the first ${MAX_REPORTED_ERRORS} bad lines and counts the rest`, () => {
    const c = new PredictionChecker();
    for (let i = 1; i <= 25; i++) c.check('p.jsonl', line({ id: `q${i}`, source: ' ', output: 1 }), i);
    c.reject('p.jsonl', 26, "field id: 'z' is not in the dataset");
    const report = c.report('nothing was imported')!;
    expect(report.split('\n')).toHaveLength(1 + MAX_REPORTED_ERRORS + 1);
    expect(report).toMatch(/^26 bad line\(s\); nothing was imported:\n {2}p\.jsonl:1: field source: expected a non-empty string\n/);
    expect(report).toContain('  p.jsonl:20: field source');
    expect(report).not.toContain('p.jsonl:21:');
    expect(report.endsWith('  … and 6 more')).toBe(true);
  });
});
