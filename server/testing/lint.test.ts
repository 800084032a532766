import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The project's own lint config, run on a few files laid out like the repository in a temporary
// folder: the rules must pass clean code and fail a cycle, a layer break and a value import of a type.
const ROOT = path.resolve(import.meta.dirname, '../..');
const OXLINT = path.join(ROOT, 'node_modules/.bin/oxlint');

function lint(files: Record<string, string>): { status: number | null; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-lint-'));
  fs.copyFileSync(path.join(ROOT, '.oxlintrc.json'), path.join(dir, '.oxlintrc.json'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const r = spawnSync(OXLINT, ['--deny-warnings', '.'], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

const clean = {
  'shared/geometry/a.ts': "import { b } from './b';\nexport const a = (): number => b + 1;\n",
  'shared/geometry/b.ts': 'export const b = 1;\n',
  'client/canvas/View.ts': "import { a } from '../../shared/geometry/a';\nexport const view = a();\n",
  'client/trpc.ts': "import type { AppRouter } from '../server/routers/_app';\nexport type Api = AppRouter;\n",
  'server/routers/_app.ts': 'export type AppRouter = { ok: true };\n',
};

describe('npm run lint (oxlint with .oxlintrc.json)', () => {
  it('passes clean code', () => {
    expect(lint(clean)).toMatchObject({ status: 0 });
  });

  it.each([
    ['an import cycle', { 'shared/geometry/b.ts': "import { a } from './a';\nexport const b = 1;\nexport const c = a;\n" }, /no-cycle/],
    ['shared importing the server', { 'shared/geometry/b.ts': "import { openDb } from '../../server/db/client';\nexport const b = 1;\nexport const db = openDb;\n" }, /shared\/ imports nothing from client\/, server\//],
    ['shared importing Node', { 'shared/geometry/b.ts': "import fs from 'node:fs';\nexport const b = fs.constants.F_OK;\n" }, /no Node APIs/],
    ['the canvas importing a tool', { 'client/canvas/View.ts': "import { TOOLS } from '../tools/registry';\nexport const view = TOOLS;\n" }, /canvas\/ is generic/],
    ['the client importing server code', { 'client/trpc.ts': "import { appRouter } from '../server/routers/_app';\nexport const api = appRouter;\n" }, /client\/ imports only `import type \{ AppRouter \}`/],
    ['a type imported as a value', { 'client/trpc.ts': "import { AppRouter } from '../server/routers/_app';\nexport type Api = AppRouter;\n" }, /consistent-type-imports/],
  ])('fails on %s', (_, broken, message) => {
    const r = lint({ ...clean, ...broken });
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(message);
  });
});
