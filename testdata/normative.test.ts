import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COPY_DIR, DOCS_DIR } from './normative';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)).map((f) => path.join(e.name, f)) : [e.name],
  );
}

describe('testdata/normative', () => {
  const hasDocs = fs.existsSync(path.join(DOCS_DIR, 'METRICS.md'));
  it.runIf(hasDocs)('is a byte-identical copy of the normative files beside the project', () => {
    for (const rel of files(COPY_DIR)) {
      expect(fs.readFileSync(path.join(COPY_DIR, rel)).equals(fs.readFileSync(path.join(DOCS_DIR, rel))), rel).toBe(true);
    }
    expect(files(path.join(DOCS_DIR, 'fixtures')).map((f) => path.join('fixtures', f))).toEqual(files(path.join(COPY_DIR, 'fixtures')).map((f) => path.join('fixtures', f)));
  });
  it('holds the reference vectors and the real YCB-V scene', () => {
    expect(fs.existsSync(path.join(COPY_DIR, 'fixtures/metric-vectors.json'))).toBe(true);
    expect(fs.existsSync(path.join(COPY_DIR, 'real-bop/ycbv/test/000048/rgb/000001.png'))).toBe(true);
  });
});
