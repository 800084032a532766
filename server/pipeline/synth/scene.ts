/** One synthetic scene, start to finish: its layout from its own seed, the render, the BOP files. */
import { Rng } from '../rng';
import { makeLayout } from './layout';
import { renderLayout } from './render';
import { writeScene } from './writeBop';

/** Writes scene `scene` of the dataset with seed `seed` into `dir` (the same files whichever thread runs it). */
export function synthScene(dir: string, seed: number, scene: number): void {
  const layout = makeLayout(new Rng(seed, scene));
  writeScene(dir, scene, layout, renderLayout(layout));
}
