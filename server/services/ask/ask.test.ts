import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAnswer } from '../../../shared/tasks';
import { sentSize } from './image';
import { PredictionsWriter, readExisting } from './output';
import { formatDuration, ProgressBar, progressLine } from './progressBar';
import { rewriteLimits, scaleReply } from './prompt';

const root = mkdtempSync(join(tmpdir(), 'bopask-ask-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--max-image-side', () => {
  it('rewrites the limits the prompt states to the sent size', () => {
    const q = 'Locate it. The coordinates should obey the limits of the image, and thus x coordinate should be between (0, 1920) and y coordinate should be between (0, 1080).';
    const r = rewriteLimits(q, 640, 360);
    expect(r.count).toBe(1);
    expect(r.text).toBe(q.replace('(0, 1920)', '(0, 640)').replace('(0, 1080)', '(0, 360)'));
    expect(rewriteLimits('Is the mug left of the bowl?', 640, 360)).toEqual({ text: 'Is the mug left of the bowl?', count: 0 });
  });

  it('never enlarges, keeps the aspect, and scales points back per axis', () => {
    expect(sentSize(1920, 1080, 640)).toEqual({ width: 640, height: 360 });
    expect(sentSize(1080, 1920, 640)).toEqual({ width: 360, height: 640 });
    expect(sentSize(640, 480, 1024)).toEqual({ width: 640, height: 480 });
    const s = scaleReply('trajectory', 'path: [[10, 20], [320, 180.5]]', 3, 2);
    expect(s.isScaled).toBe(true);
    const a = parseAnswer('trajectory', s.output);
    expect(a.ok && 'points' in a.answer && a.answer.points).toEqual([[30, 40], [960, 361]]);
    expect(scaleReply('spatial', 'Yes', 3, 2)).toEqual({ output: 'Yes', isScaled: false });
    expect(scaleReply('pose', 'I cannot tell', 3, 2)).toEqual({ output: 'I cannot tell', isScaled: false });
  });
});

describe('the progress bar', () => {
  it('shows done/total, rate and ETA', () => {
    expect(progressLine(120, 700, 40, 2, 10)).toBe('[##--------] 120/700 17% 3.00 q/s ETA 3m13s, 2 failed');
    expect(progressLine(700, 700, 100, 0, 4)).toBe('[####] 700/700 100% 7.00 q/s ETA 0s');
    expect(formatDuration(7322)).toBe('2h02m');
  });

  it('writes one line per interval in a log, and always the last', () => {
    let t = 0;
    const out: string[] = [];
    const bar = new ProgressBar('ask', { total: 10, isTty: false, logEveryMs: 1000, write: (s) => out.push(s), now: () => t });
    for (let i = 1; i <= 10; i++) {
      t += 300;
      bar.update(i, 0);
    }
    bar.finish(10, 0);
    expect(out).toHaveLength(4); // at 0.3 s, 1.5 s, 2.7 s, and the finish
    expect(out[3]).toMatch(/^ask \[#+\] 10\/10 100% 3\.33 q\/s ETA 0s\n$/);
  });
});

describe('the predictions file', () => {
  it('drops a torn last line on resume and appends after it', () => {
    const p = join(root, 'torn.jsonl');
    writeFileSync(p, '{"id":"a","source":"m","output":"Yes"}\n{"id":"b","source":"m","output":null,"error":"HTTP 500"}\n{"id":"c","sou');
    const e = readExisting(p, 'm', new Set(['a', 'b', 'c']));
    expect([...e.lines.keys()]).toEqual(['a', 'b']);
    expect([...e.failed]).toEqual(['b']);
    expect(e.tornBytes).toBe(14);
    const w = PredictionsWriter.append(p, e.tornBytes);
    w.writeLine('{"id":"c","source":"m","output":"No"}');
    w.commit();
    expect(readFileSync(p, 'utf8').split('\n')).toEqual(['{"id":"a","source":"m","output":"Yes"}', '{"id":"b","source":"m","output":null,"error":"HTTP 500"}', '{"id":"c","source":"m","output":"No"}', '']);
  });

  it('keeps the original whole until a rewrite is committed', () => {
    const p = join(root, 'rewrite.jsonl');
    writeFileSync(p, 'old\n');
    const w = PredictionsWriter.rewrite(p, ['kept']);
    w.writeLine('new');
    expect(readFileSync(p, 'utf8')).toBe('old\n');
    w.commit();
    expect(readFileSync(p, 'utf8')).toBe('kept\nnew\n');
  });

  it('refuses a line of another source, an unknown id or a repeated one, with FILE:LINE', () => {
    const p = join(root, 'bad.jsonl');
    writeFileSync(p, '{"id":"a","source":"m","output":"Yes"}\n{"id":"a","source":"m","output":"No"}\n');
    expect(() => readExisting(p, 'm', new Set(['a']))).toThrow(`${p}:2: field id: 'a' again`);
    expect(() => readExisting(p, 'm', new Set(['z']))).toThrow(`${p}:1: field id: 'a' is not in the dataset`);
    expect(() => readExisting(p, 'other', new Set(['a']))).toThrow(`${p}:1: field source: 'm', but this run writes 'other'`);
  });
});
