/** Finding 6: symbolic links never lead import or /img/ outside their folders. */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { createAppServer } from '../http';
import { importDataset } from '../services/importDataset';
import { writeFixtureDataset } from '../testing/fixtureDataset';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

describe('symbolic links', () => {
  it('import refuses an image reached through a link that leaves the images folder, and writes nothing', async () => {
    const dataset = writeFixtureDataset(1);
    const dir = path.dirname(dataset);
    const outside = path.join(tmp('bopask-outside-'), 'secret.png');
    fs.copyFileSync(path.join(dir, 'img', 'blank.png'), outside);
    fs.symlinkSync(outside, path.join(dir, 'img', 'linked.png'));
    const lines = fs.readFileSync(dataset, 'utf8').trim().split('\n');
    lines[2] = lines[2].replace('img/blank.png', 'img/linked.png');
    fs.writeFileSync(dataset, lines.join('\n') + '\n');
    const db = openDb(':memory:');
    const imagesDir = tmp('bopask-store-');
    await expect(importDataset(db, { datasetPath: dataset, imagesDir })).rejects.toThrow(
      /dataset.jsonl:3: field image: 'img\/linked.png' is a symbolic link leading outside the images folder/,
    );
    expect(db.$client.prepare('select count(*) n from questions').get()).toEqual({ n: 0 });
    expect(fs.readdirSync(imagesDir)).toEqual([]);
    // A folder link leading out is refused the same way.
    fs.symlinkSync(path.dirname(outside), path.join(dir, 'elsewhere'));
    fs.writeFileSync(dataset, lines[0].replace('img/blank.png', 'elsewhere/secret.png') + '\n');
    await expect(importDataset(db, { datasetPath: dataset, imagesDir })).rejects.toThrow(/symbolic link leading outside/);
  });

  it('/img/ serves nothing through a link in the store re-pointed outside it', async () => {
    const dataset = writeFixtureDataset(1);
    const db = openDb(':memory:');
    const imagesDir = tmp('bopask-store-');
    await importDataset(db, { datasetPath: dataset, imagesDir });
    const key = (db.$client.prepare('select image_key k from questions limit 1').get() as { k: string }).k;
    const server = createAppServer(db, { imagesDir });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/img/${key}`;
    try {
      const stored = path.join(imagesDir, 'img', 'blank.png');
      // A link inside the store to a file inside it is fine.
      fs.renameSync(stored, path.join(imagesDir, 'img', 'real.png'));
      fs.symlinkSync(path.join(imagesDir, 'img', 'real.png'), stored);
      expect((await fetch(url)).status).toBe(200);
      // Re-pointed outside the store: 404, not the file's bytes as image/png.
      const outside = path.join(tmp('bopask-outside-'), 'hostname');
      fs.writeFileSync(outside, 'secret-host\n');
      fs.rmSync(stored);
      fs.symlinkSync(outside, stored);
      const res = await fetch(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('secret-host');
    } finally {
      server.close();
    }
  });
});
