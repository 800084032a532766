/**
 * Authoring (the BOP-Ask-lab workflow): a curator uploads an image from outside BOP, writes a question
 * of any task and draws its answer with the same tools; the item joins the dataset like an imported
 * one, with its own id prefix (`lab-`) and `meta.source: "authored"`, checked by the import's parser.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { z } from 'zod';
import { answerSchema, taskSchema } from '../../../shared/tasks';
import { parseDatasetLine } from '../../../shared/dataset';
import { BadInputError } from '../../../shared/errors';
import type { Db } from '../../db/client';
import { questions } from '../../db/schema';
import type { SessionUser } from '../auth';
import { newImageKey } from '../images';
import { applyLabel } from './labels';

const EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'];
export const AUTHORED_PREFIX = 'lab-';

export const authorInputSchema = z.object({
  task: taskSchema,
  question: z.string().trim().min(10, { error: 'write the question (at least 10 characters)' }).max(4000),
  answer: answerSchema,
});

/** Creates the question; `imageFile` is the uploaded image (a temporary file), `imageName` its name. */
export function authorQuestion(db: Db, imagesDir: string, user: SessionUser, imageFile: string, imageName: string, raw: unknown) {
  const parsed = authorInputSchema.safeParse(raw);
  if (!parsed.success) throw new BadInputError(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  const input = parsed.data;
  const ext = path.extname(imageName).toLowerCase();
  if (!EXTENSIONS.includes(ext)) throw new BadInputError(`image '${imageName}': expected ${EXTENSIONS.join(', ')}`);
  let size: { width?: number; height?: number };
  try {
    size = imageSize(fs.readFileSync(imageFile));
  } catch (err) {
    throw new BadInputError(`image '${imageName}' is not a readable image (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!size.width || !size.height) throw new BadInputError(`image '${imageName}' has no readable size`);
  const id = `${AUTHORED_PREFIX}${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(4).toString('hex')}`;
  const image = `authored/${newImageKey()}${ext}`;
  // The answer goes in as points (or Yes/No) by the same path as a correction, which checks it.
  const base = {
    id, task: input.task, image, width: size.width, height: size.height, question: input.question,
    answer: 'value' in input.answer ? 'Yes' : [],
    meta: { source: 'authored', author: user.username, original_name: imageName },
  };
  const item = applyLabel(id, input.task, base, { answer: input.answer });
  if ('points' in input.answer) {
    const outside = input.answer.points.findIndex(([x, y]) => !(x >= 0 && x <= size.width! && y >= 0 && y <= size.height!));
    if (outside >= 0) throw new BadInputError(`answer: point ${outside} lies outside the ${size.width}×${size.height} image`);
  }
  const check = parseDatasetLine(JSON.stringify(item), 0);
  if (!check.ok) throw new BadInputError(check.error.replace(/^line 0,? ?/, ''));
  const dest = path.join(imagesDir, image);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const temp = `${dest}.part-${process.pid}`;
  fs.copyFileSync(imageFile, temp);
  try {
    db.insert(questions)
      .values({ id, task: input.task, image, imageKey: newImageKey(), width: size.width, height: size.height, question: input.question, item })
      .run();
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.renameSync(temp, dest);
  return { id };
}
