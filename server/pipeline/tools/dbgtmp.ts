import { mkdtempSync } from 'node:fs';
import { synthesizeInto } from '../synth';
import { openDataset, readGrayPng, readScene } from '../bopReader';
import { maskRegion } from '../regions';
import { pointInPolygon } from '../polygon2d';
const d = mkdtempSync('/tmp/dbg-');
await synthesizeInto(d, { scenes: 3, seed: 7, jobs: 1 });
const ds = openDataset(d, 'test');
let [n, t, fb] = [0, 0, 0];
for (const dir of ds.sceneDirs) for (const f of readScene(ds, dir)) for (const o of f.objects) {
  const m = readGrayPng(o.maskPath!, ds.root, f.width, f.height).data;
  const t0 = performance.now();
  const r = maskRegion(m, f.width, f.height);
  t += performance.now() - t0; n++;
  if (r && r.polygon.length >= 3) console.log(r.polygon.length, r.pixelCount);
}
console.log(n, 'masks', (t / n).toFixed(1), 'ms each');
