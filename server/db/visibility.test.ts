/**
 * Every query on `responses` in the server's code leaves a pending import's rows out, or says why it
 * need not (services/stagedImports.test.ts checks the user-visible results; this catches the next
 * query someone writes). A statement is the text from the previous ';' to the next one: it must hold
 * visible(…), visibleResponses, COUNTS_IN_TABLE (which holds visible), or a SEES_STAGED comment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COUNTS_IN_TABLE } from '../services/baseline/included';
import { visible } from './visibility';

const server = fileURLToPath(new URL('../', import.meta.url));
/** The staging machinery itself reads and removes staged rows by their import id. */
const MACHINERY = new Set(['services/stagedImports.ts', 'db/visibility.ts']);
const READS = /\b(?:from|join)\s+responses\b|\.from\(responses\)|Join\(responses\b/gi;
const MARKERS = /visible\(|visibleResponses|COUNTS_IN_TABLE|SEES_STAGED/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** "file:line: match" for each read of responses in `text` without a marker in its statement. */
function unmarkedIn(rel: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(READS)) {
    const start = text.lastIndexOf(';', m.index) + 1;
    const end = text.indexOf(';', m.index);
    const statement = text.slice(start, end < 0 ? undefined : end);
    if (!MARKERS.test(statement)) out.push(`${rel}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
  }
  return out;
}

function unmarkedReads(): string[] {
  return sourceFiles(server)
    .map((file) => path.relative(server, file))
    .filter((rel) => !MACHINERY.has(rel))
    .flatMap((rel) => unmarkedIn(rel, fs.readFileSync(path.join(server, rel), 'utf8')));
}

describe('visibility of staged responses', () => {
  it('the table condition holds the visibility condition', () => {
    expect(COUNTS_IN_TABLE).toContain(visible('r'));
  });

  it('every query on responses carries it or says why not', () => {
    expect(unmarkedReads()).toEqual([]);
  });

  it('the check finds a query without it, in SQL text and in drizzle', () => {
    const probe = `const a = 1;\nexport const q = 'select count(*) from responses where source = ?';\nexport const d = (db) => db.select().from(responses).all();\n`;
    expect(unmarkedIn('probe.ts', probe)).toEqual(['probe.ts:2: from responses', 'probe.ts:3: .from(responses)']);
    expect(unmarkedIn('probe.ts', `export const q = \`select 1 from responses r where \${visible('r')}\`;`)).toEqual([]);
  });
});
