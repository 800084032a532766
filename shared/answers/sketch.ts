/**
 * What an answer looks like as plain strokes, for drawing many answers over one image in one colour
 * each (the question page, Figure 3 of the paper): segments and markers in image pixels, plus a word
 * for yes/no answers. The drawing tools' own shapes stay the editing view; this is the comparison view.
 */
import { CUBOID_EDGES } from '../geometry/box3d';
import type { Vec2 } from '../geometry/types';
import type { Answer } from '../tasks';

export interface AnswerSketch {
  segments: [Vec2, Vec2][];
  /** Points drawn as dots; `label` is written beside them (marker order, grasp center). */
  markers: { at: Vec2; label?: string }[];
  /** The last segment ends in an arrow head (a path's direction). */
  hasArrow: boolean;
  /** Yes/no answers have no geometry: the word instead. */
  text?: string;
}

/** Strokes for `answer` (image pixels). A malformed point list gives the strokes of what is there. */
export function answerSketch(answer: Answer): AnswerSketch {
  switch (answer.task) {
    case 'pose': {
      const p = answer.points;
      return { segments: CUBOID_EDGES.filter(([i, j]) => p[i] && p[j]).map(([i, j]) => [p[i], p[j]]), markers: [], hasArrow: false };
    }
    case 'grasp': {
      const [c, lb, rb, lt, rt] = answer.points;
      return { segments: [[lb, rb], [lb, lt], [rb, rt]], markers: [{ at: c }, { at: lt, label: 'L' }], hasArrow: false };
    }
    case 'trajectory': {
      const p = answer.points;
      const segments = p.slice(1).map((q, i): [Vec2, Vec2] => [p[i], q]);
      return { segments, markers: p.length > 0 ? [{ at: p[0] }] : [], hasArrow: segments.length > 0 };
    }
    case 'rearrangement':
      return { segments: [], markers: answer.points.map((at, i) => ({ at, label: String(i + 1) })), hasArrow: false };
    case 'spatial':
    case 'depth':
      return { segments: [], markers: [], hasArrow: false, text: answer.value ? 'Yes' : 'No' };
    default: {
      const never: never = answer;
      return never;
    }
  }
}
