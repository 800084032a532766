/** readLinesSync gives the same lines and numbers as readline (crlfDelay: Infinity), whatever the chunk size. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { readLinesSync } from './lineFile';
import { withoutBom } from './inputFiles';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-lines-'));
let counter = 0;
function write(bytes: Buffer | string): string {
  const file = path.join(dir, `f${counter++}.txt`);
  fs.writeFileSync(file, bytes);
  return file;
}

async function viaReadline(file: string): Promise<[string, number][]> {
  const out: [string, number][] = [];
  let n = 0;
  for await (const raw of createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    n++;
    out.push([withoutBom(raw, n), n]);
  }
  return out;
}

describe('readLinesSync', () => {
  it('splits at \\n, \\r\\n and a lone \\r, keeps blank lines and a last line without a break', () => {
    const file = write('a\r\nb\n\nc\rd\r\r\ne');
    expect([...readLinesSync(file)]).toEqual([['a', 1], ['b', 2], ['', 3], ['c', 4], ['d', 5], ['', 6], ['e', 7]]);
  });

  it('yields nothing for an empty file and drops a byte order mark on line 1 only', () => {
    expect([...readLinesSync(write(''))]).toEqual([]);
    expect([...readLinesSync(write('\uFEFF{"a":1}\n\uFEFFx\n'))]).toEqual([['{"a":1}', 1], ['\uFEFFx', 2]]);
  });

  it('keeps multi-byte characters whole across chunk boundaries and lines longer than a chunk', () => {
    const long = 'é'.repeat(40) + '漢字' + '🙂'.repeat(9);
    const file = write(`${long}\n${long}\r\nz`);
    expect([...readLinesSync(file, 3)]).toEqual([[long, 1], [long, 2], ['z', 3]]);
  });

  test.prop([fc.array(fc.oneof(fc.constantFrom('\n', '\r', '\r\n', 'é', '\uFEFF', ' '), fc.string({ maxLength: 6 })), { maxLength: 40 }), fc.integer({ min: 1, max: 9 })])(
    'matches readline on random text at any chunk size',
    async (pieces, chunk) => {
      const file = write(pieces.join(''));
      expect([...readLinesSync(file, chunk)]).toEqual(await viaReadline(file));
    },
  );
});
