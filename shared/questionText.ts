/**
 * The text people are shown for a question. A dataset line's `question` is the model prompt: the
 * question itself followed by answer-format instructions only a model needs (the paper's templates,
 * Table 6: "…, output its bbox coordinates using JSON format. The coordinates should obey the limits of
 * the image, …", "Output nothing else."). FORMAT.md's optional `question_human` is the text for people;
 * when a line has none, `humanQuestion` strips those sentences from `question`.
 */

/**
 * The trajectory prompt's format sentence calls the two objects "target object" and "goal object"; the
 * instructions people read say "the object to move" and "its target". The human text says it their way.
 */
export const TRAJECTORY_DIRECTION = 'The path starts on the object to move and ends on its target.';

// Each pattern is one answer-format phrase of the paper's templates (and this project's variants).
// Order matters: the "Your response should be …" clause is removed before the "output …" clause
// that follows it in the grasp and trajectory templates ("…: []., output its coordinates in XML …").
const TRAJECTORY_FORMAT = /\s*Your response should be a list of 2D points that show the path from target object to goal object in that order path: \[\]\.{0,2}/gi;
const RESPONSE_FORMAT = /\s*Your response should be (?:a single word: yes or no\.|[\s\S]*?\[\]\.{1,2})/gi;
const OUTPUT_FORMAT =
  /,?\s*output (?:its|all the object|the) (?:bbox |object )?coordinates (?:using|in) (?:JSON|XML) format(?:\s*<points x y>object<\/points>)?\.?/gi;
const NOTHING_ELSE = /\s*Output nothing else\./gi;
/** "(0, 1280)": the limits may be decimals, so a '.' followed by a digit does not end the sentence. */
const LIMITS = /\s*The coordinates should obey the limits of the image(?:[^.]|\.\d)*\./gi;

/**
 * `question` without its answer-format sentences, for people. Works on the paper's template forms and
 * on every template this project's generator writes; text it does not recognise is kept unchanged.
 * The trajectory format sentence becomes `TRAJECTORY_DIRECTION`. Returns `question` trimmed when
 * stripping would leave nothing (a prompt made only of format instructions has no human text to show).
 */
export function humanQuestion(question: string): string {
  const hadTrajectoryFormat = new RegExp(TRAJECTORY_FORMAT.source, 'i').test(question);
  let s = question
    .replace(TRAJECTORY_FORMAT, ' ')
    .replace(RESPONSE_FORMAT, ' ')
    .replace(OUTPUT_FORMAT, '.')
    .replace(NOTHING_ELSE, ' ')
    .replace(LIMITS, ' ');
  s = s
    .replace(/\s+([.?!,])/g, '$1')
    .replace(/([?!])\.+/g, '$1')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/g, ' ')
    .trim();
  if (s === '' || /^[.?!,]+$/.test(s)) return question.trim();
  return hadTrajectoryFormat ? `${s} ${TRAJECTORY_DIRECTION}` : s;
}

/** The text shown to people for a dataset line: its `question_human`, else `humanQuestion(question)`. */
export function textForPeople(item: { question: string; question_human?: string }): string {
  return item.question_human ?? humanQuestion(item.question);
}
