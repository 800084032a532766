/**
 * The `bopask` CLI as plain JavaScript in dist/cli (`npm run build:cli`, part of `npm run build`), so a run
 * starts without tsx's loader: that loader alone cost ~50 MB of resident memory and a transpile per start.
 * Packages from node_modules stay external (native better-sqlite3 and sharp must be loaded from there), and
 * each command stays its own chunk, loaded on demand as in the source (all chunks in one folder: the
 * source locations below are relative to it). bin/bopask.js runs this bundle only
 * while every file it was built from is unchanged (dist/cli/inputs.json), else the source through tsx.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const ROOT = import.meta.dirname;
// BOPASK_CLI_OUT_DIR: another folder (the bundle test builds into a temporary one).
const OUT_DIR = path.resolve(process.env.BOPASK_CLI_OUT_DIR ?? path.join(ROOT, 'dist', 'cli'));

/**
 * Source files find their neighbours through import.meta.url (migrations, the pipeline's worker, the built
 * client, the real demo's files). In the bundle each such module keeps its own source location, relative to
 * the bundle, so the checkout can still be moved after a build.
 */
function sourceLocations(): Plugin {
  return {
    name: 'bopask:source-locations',
    enforce: 'pre',
    transform(code, id) {
      if (!id.startsWith(ROOT + path.sep) || id.includes(`${path.sep}node_modules${path.sep}`)) return null;
      if (!code.includes('import.meta.url') && !code.includes('import.meta.dirname')) return null;
      const rel = path.relative(OUT_DIR, id).split(path.sep).join('/');
      const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      if (!code.includes('import.meta.dirname')) return code.replaceAll('import.meta.url', url);
      const header = "import { fileURLToPath as bopaskFileUrlToPath } from 'node:url';\n" +
        "import { dirname as bopaskDirname } from 'node:path';\n";
      const dir = `bopaskDirname(bopaskFileUrlToPath(${url}))`;
      return header + code.replaceAll('import.meta.url', url).replaceAll('import.meta.dirname', dir);
    },
  };
}

/**
 * Records the size and mtime of every file the bundle was built from (its modules, the bundled packages'
 * files, this config and package.json) and the entry's name, for bin/cliBundle.js's freshness check.
 */
function inputsManifest(): Plugin {
  return {
    name: 'bopask:inputs-manifest',
    generateBundle(_options, bundle) {
      const files = new Set<string>([path.join(ROOT, 'vite.cli.config.ts'), path.join(ROOT, 'package.json')]);
      let entry: string | undefined;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        if (chunk.isEntry) entry = chunk.fileName;
        for (const id of chunk.moduleIds) if (path.isAbsolute(id)) files.add(id.replace(/\?.*$/, ''));
      }
      if (!entry) this.error('the CLI bundle has no entry chunk');
      const inputs = [...files].sort().map((file) => {
        const s = statSync(file);
        return [path.relative(ROOT, file).split(path.sep).join('/'), s.size, s.mtimeMs];
      });
      this.emitFile({ type: 'asset', fileName: 'inputs.json', source: JSON.stringify({ entry, inputs }) });
    },
  };
}

export default defineConfig({
  root: ROOT,
  publicDir: false,
  logLevel: 'warn',
  plugins: [sourceLocations(), inputsManifest()],
  ssr: { noExternal: ['zod', 'image-size'] },
  build: {
    ssr: 'server/cli/bopask.ts',
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: { output: { entryFileNames: 'bopask.mjs', chunkFileNames: '[name]-[hash].mjs' } },
  },
});
