/** The two yes/no tasks (spatial relation, relative depth) share their answer shape and metric. */
import { binaryAnswerSchema, formatBinary, parseBinary, type BinaryAnswer } from '../answers/binary';
import { binaryCorrect } from '../metrics/binary';
import type { TableColumn, TaskSpec, TaskText } from './types';

/** The spec of a yes/no task: success when the answer equals the truth (METRICS.md). */
export function yesNoTask<T extends string, K extends string>(task: T, column: TableColumn<K>, text: TaskText) {
  return {
    task,
    answerSchema: binaryAnswerSchema(task),
    points: null,
    parse: (raw) => parseBinary(task, raw),
    format: formatBinary,
    score: (item, a) => ({ valid: a !== null, correct: binaryCorrect(a ? a.value : null, item.gt.value) }),
    columns: [column] as const,
    text,
  } satisfies TaskSpec<BinaryAnswer<T>>;
}
