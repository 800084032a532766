/**
 * The units of work the pipeline spreads over threads, as plain (structured-clonable) messages, and the
 * one function that runs them, in a worker or inline. Each unit depends only on its own input and its
 * own seed (seed + scene + frame), never on what ran before it, so results are the same whichever
 * thread runs them and in whatever order.
 */
import { type BopDataset, type BopFrame, openDataset } from '../bopReader';
import { Rng } from '../rng';
import { buildScene, type FrameScene } from '../scene';
import { synthScene } from '../synth/scene';

export type PipelineTask =
  /** Lay out, render and write one synthetic scene into a BOP folder. */
  | { kind: 'synth-scene'; dir: string; seed: number; scene: number }
  /** Read one frame's depth and masks and recover its world frame (everything before the question mix). */
  | { kind: 'build-frame'; bop: string; split: string; objects?: string; seed: number; frame: BopFrame };

export interface BuiltFrame {
  scene: FrameScene;
  /** The frame's random stream after buildScene, so the mixer continues it exactly. */
  rngSnapshot: number;
  warnings: string[];
}

export type PipelineResult = { kind: 'synth-scene' } | { kind: 'build-frame'; built: BuiltFrame };

// A worker serves one dataset at a time; reopening it for every frame would re-read models_info.json.
let cached: { key: string; ds: BopDataset } | undefined;

function dataset(bop: string, split: string, objects?: string): BopDataset {
  const key = JSON.stringify([bop, split, objects]);
  if (cached?.key !== key) cached = { key, ds: openDataset(bop, split, objects) };
  return cached.ds;
}

/** Builds one frame's scene with its own random stream (the stream generate continues afterwards). */
export function buildFrame(ds: BopDataset, frame: BopFrame, seed: number): BuiltFrame {
  const rng = new Rng(seed, frame.scene, frame.frame);
  const warnings: string[] = [];
  const scene = buildScene(ds, frame, rng, (m) => warnings.push(m));
  return { scene, rngSnapshot: rng.snapshot, warnings };
}

export function runTask(task: PipelineTask): PipelineResult {
  switch (task.kind) {
    case 'synth-scene':
      synthScene(task.dir, task.seed, task.scene);
      return { kind: 'synth-scene' };
    case 'build-frame':
      return { kind: 'build-frame', built: buildFrame(dataset(task.bop, task.split, task.objects), task.frame, task.seed) };
    default:
      throw new Error(`unknown pipeline task ${(task as { kind: string }).kind}`);
  }
}
