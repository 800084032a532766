import { describe, expect, it } from 'vitest';
import { humanQuestion } from '../../shared/questionText';
import { Rng } from './rng';
import { type Phrased, depthQuestion, graspQuestion, poseQuestion, rearrangementQuestion, spatialQuestion, trajectoryQuestion } from './templates';

const A = 'the leftmost instance of the red and white can of tomato soup';
const B = 'the green box of herbal tea bags';
const TEMPLATES: Record<string, (rng: Rng) => Phrased> = {
  pose: (rng) => poseQuestion(rng, A, 1280, 720),
  grasp: (rng) => graspQuestion(rng, A, 640, 480),
  trajectory: (rng) => trajectoryQuestion(rng, A, B, 1280, 720),
  rearrangement: (rng) => rearrangementQuestion(rng, A, 1280, 720),
  'spatial left': (rng) => spatialQuestion(rng, A, 'left of', B),
  'spatial below': (rng) => spatialQuestion(rng, A, 'below', B),
  'depth closer': (rng) => depthQuestion(rng, A, true, B),
  'depth farther': (rng) => depthQuestion(rng, A, false, B),
};

describe('templates: the text for people', () => {
  it.each(Object.entries(TEMPLATES))('%s: every phrasing strips to its human text, which names the objects', (_, make) => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const p = make(new Rng(seed));
      seen.add(p.question);
      expect(humanQuestion(p.question)).toBe(p.human);
      expect(p.human.toLowerCase()).toContain(A);
      expect(p.human).not.toMatch(/output|XML|JSON|coordinates should|Your response|<points|goal object|target object/i);
    }
    // Every phrasing (and the optional yes/no sentence) was drawn, so each was checked above.
    expect(seen.size).toBeGreaterThanOrEqual(2);
  });

  it('says the trajectory direction in the instructions’ words', () => {
    const p = trajectoryQuestion(new Rng(1), A, B, 1280, 720);
    expect(p.question).toContain('from target object to goal object');
    expect(p.human).toMatch(/from|starts on the object to move and ends on its target/);
    expect(p.human).toContain('the object to move');
  });
});
