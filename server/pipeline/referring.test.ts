/**
 * Every generated question names objects that a person can find from its words alone: the phrase the
 * question uses for an object, read as a person reads it (a name or a description from objects.json,
 * with "leftmost" and the like judged on what is visible: the centroid of each instance's visible
 * mask), picks out exactly the object the ground truth is about.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BopDataset, openDataset, readGrayPng, readScene } from './bopReader';
import { CATALOGUE } from './synth/catalogue';
import { definite } from './referring';
import { type Fixture, makeFixture } from './testFixtures';

let fx: Fixture;
beforeAll(async () => {
  fx = await makeFixture(8, 5);
}, 120_000);
afterAll(() => rmSync(fx.root, { recursive: true, force: true }));

/** What a person sees of one instance: its object's texts and its visible pixels' centroid. */
interface Seen {
  k: number;
  name: string;
  description: string;
  centroid: [number, number];
  pixels: number;
}

const ATTRS = ['leftmost', 'rightmost', 'topmost', 'bottommost'] as const;

function seenObjects(ds: BopDataset, sceneIndex: number, frameId: number): Seen[] {
  const frame = readScene(ds, ds.sceneDirs[sceneIndex]).find((f) => f.frame === frameId)!;
  return frame.objects.map((o, k) => {
    const m = readGrayPng(o.maskPath!, ds.root, frame.width, frame.height).data;
    let [sx, sy, n] = [0, 0, 0];
    for (let i = 0; i < m.length; i++) if (m[i]) [sx, sy, n] = [sx + (i % frame.width) + 0.5, sy + Math.floor(i / frame.width) + 0.5, n + 1];
    const t = ds.objects.get(o.objId)!;
    return { k, name: t.name, description: t.description, centroid: [sx / Math.max(1, n), sy / Math.max(1, n)], pixels: n };
  });
}

/** Every way a question may name instance `o` (base phrases, then with a positional attribute). */
function phrasesFor(o: Seen): { phrase: string; attr?: (typeof ATTRS)[number] }[] {
  const base = [`the ${o.name}`, definite(o.description)];
  return [
    ...ATTRS.flatMap((attr) => [{ phrase: `the ${attr} ${o.name}`, attr }, { phrase: `the ${attr} instance of ${definite(o.description)}`, attr }]),
    ...base.map((phrase) => ({ phrase })),
  ];
}

/** The instances a phrase fits, read as a person would. */
function resolve(phrase: string, attr: (typeof ATTRS)[number] | undefined, seen: Seen[]): Seen[] {
  const core = attr ? phrase.replace(`the ${attr} instance of `, '').replace(`the ${attr} `, 'the ') : phrase;
  // Objects a person can see at all (a sliver of 50 px counts) compete for the name.
  const fits = seen.filter((o) => o.pixels >= 50 && (`the ${o.name}` === core || definite(o.description) === core));
  if (!attr) return fits;
  const key = { leftmost: (o: Seen) => o.centroid[0], rightmost: (o: Seen) => -o.centroid[0], topmost: (o: Seen) => o.centroid[1], bottommost: (o: Seen) => -o.centroid[1] }[attr];
  const best = Math.min(...fits.map(key));
  return fits.filter((o) => key(o) === best);
}

/** The objects a line is about, in the order its question names them. */
const REFERENCED = [['gt_index'], ['object_index', 'reference_index'], ['source_index', 'target_index']];

/** The object phrases in `text`, in reading order: the longest phrase wins where phrases overlap. */
function phrasesIn(text: string, seen: Seen[]): { phrase: string; attr?: (typeof ATTRS)[number]; at: number }[] {
  const found = seen.flatMap((o) => phrasesFor(o).flatMap((p) => {
    const out: { phrase: string; attr?: (typeof ATTRS)[number]; at: number }[] = [];
    for (let at = text.indexOf(p.phrase); at >= 0; at = text.indexOf(p.phrase, at + 1)) out.push({ ...p, at });
    return out;
  }));
  found.sort((a, b) => a.at - b.at || b.phrase.length - a.phrase.length);
  const kept: typeof found = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last && f.at < last.at + last.phrase.length) continue;
    if (!kept.some((k) => k.at === f.at && k.phrase === f.phrase)) kept.push(f);
  }
  return kept;
}

describe('referring expressions', () => {
  it('the catalogue names and descriptions are all different from one another', () => {
    const texts = CATALOGUE.flatMap((e) => [`the ${e.name}`, definite(e.description)]);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('every object a question names is the one object its words fit', () => {
    const ds = openDataset(fx.bop, 'test');
    const cache = new Map<string, Seen[]>();
    let checked = 0;
    let withAttribute = 0;
    for (const l of fx.lines) {
      const meta = l.meta as Record<string, number>;
      const human = l.question_human!;
      const key = `${meta.scene}/${meta.frame}`;
      if (!cache.has(key)) cache.set(key, seenObjects(ds, meta.scene - 1, meta.frame));
      const seen = cache.get(key)!;
      const fields = REFERENCED.find((f) => meta[f[0]] !== undefined)!;
      const found = phrasesIn(human.toLowerCase(), seen.map((o) => ({ ...o, name: o.name.toLowerCase(), description: o.description.toLowerCase() })));
      const label = `${l.id}: "${human}"`;
      expect(found.map((f) => f.phrase), label).toHaveLength(fields.length);
      fields.forEach((field, i) => {
        const hits = resolve(found[i].phrase, found[i].attr, seen.map((o) => ({ ...o, name: o.name.toLowerCase(), description: o.description.toLowerCase() })));
        expect(hits.map((h) => h.k), `${label}: "${found[i].phrase}"`).toEqual([meta[field]]);
        checked++;
        if (found[i].attr) withAttribute++;
      });
    }
    expect(checked).toBeGreaterThan(200);
    expect(withAttribute).toBeGreaterThan(10);
  }, 60_000);
});
