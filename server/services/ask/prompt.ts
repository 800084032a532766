/**
 * What `--max-image-side` changes in a question and its reply. The model sees a smaller image, so the
 * coordinate limits the prompt states ("x coordinate should be between (0, 1920) and y coordinate should
 * be between (0, 1080)", the paper's Table 6 wording) must name the sent size, and the points it answers
 * are in the sent image's pixels: they are scaled back to the original image before they are written.
 */
import { formatAnswer, parseAnswer, type Task } from '../../../shared/tasks';
import type { Vec2 } from '../../../shared/geometry/types';

const LIMITS = /(x coordinates? should be between \(0, ?)(\d+(?:\.\d+)?)(\) and y coordinates? should be between \(0, ?)(\d+(?:\.\d+)?)(\))/gi;

/** The question with every stated coordinate limit set to the sent image size; `count` is how many were found. */
export function rewriteLimits(question: string, sentWidth: number, sentHeight: number): { text: string; count: number } {
  let count = 0;
  const text = question.replace(LIMITS, (_m, a: string, _w: string, b: string, _h: string, c: string) => {
    count++;
    return `${a}${sentWidth}${b}${sentHeight}${c}`;
  });
  return { text, count };
}

export const POINT_TASKS: ReadonlySet<Task> = new Set(['pose', 'grasp', 'trajectory', 'rearrangement']);

export interface ScaledReply {
  /** What is written as `output`: the reply itself, or its points scaled to the original image in the task's canonical text form. */
  output: string;
  /** True when the reply's points were read and scaled (the raw reply is then kept beside it). */
  isScaled: boolean;
}

/**
 * Scales the points of a reply given in the sent image's pixels by (`sx`, `sy`) = original / sent size.
 * A reply the shared parser cannot read is kept as it is: it is scored invalid either way.
 */
export function scaleReply(task: Task, reply: string, sx: number, sy: number): ScaledReply {
  if (!POINT_TASKS.has(task) || (sx === 1 && sy === 1)) return { output: reply, isScaled: false };
  const parsed = parseAnswer(task, reply);
  if (!parsed.ok || !('points' in parsed.answer)) return { output: reply, isScaled: false };
  const round = (v: number): number => Math.round(v * 100) / 100;
  const points = parsed.answer.points.map(([x, y]): Vec2 => [round(x * sx), round(y * sy)]);
  return { output: formatAnswer({ ...parsed.answer, points } as typeof parsed.answer), isScaled: true };
}
