/**
 * The questions `bopask ask` sends: read from a dataset file (FORMAT.md) with the importer's own line
 * parser, checked whole before any request (a bad line or a missing image is FILE:LINE bad input), and
 * reduced to what a model is given: the model text `question` (never `question_human`) and the image.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Task } from '../../../shared/tasks';
import { parseDatasetLine } from '../../../shared/dataset';
import { BadInputError } from '../../../shared/errors';

export interface AskItem {
  id: string;
  task: Task;
  question: string;
  imagePath: string;
}

/** Reads every question of `datasetPath`; image paths are relative to `imagesDir`. */
export async function loadAskItems(datasetPath: string, imagesDir: string): Promise<AskItem[]> {
  const stream = createReadStream(datasetPath, { encoding: 'utf8' });
  await once(stream, 'open').catch((err: Error) => {
    throw new BadInputError(`${datasetPath}: cannot read (${err.message})`);
  });
  const items: AskItem[] = [];
  const seen = new Map<string, number>();
  let lineNo = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    const r = parseDatasetLine(line, lineNo);
    if (!r.ok) throw new BadInputError(`${datasetPath}:${lineNo}: ${r.error.replace(/^line \d+(, |: )/, '')}`);
    const { id, task, question, image } = r.item;
    const first = seen.get(id);
    if (first !== undefined) throw new BadInputError(`${datasetPath}:${lineNo}: field id: '${id}' again (first at line ${first})`);
    seen.set(id, lineNo);
    const imagePath = join(imagesDir, image);
    if (!existsSync(imagePath) || !statSync(imagePath).isFile()) {
      throw new BadInputError(`${datasetPath}:${lineNo}: field image: ${imagePath} not found (image paths are relative to --images, default the dataset's folder)`);
    }
    items.push({ id, task, question, imagePath });
  }
  if (items.length === 0) throw new BadInputError(`${datasetPath}: no questions`);
  return items;
}
