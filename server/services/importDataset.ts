/**
 * Dataset import (FORMAT.md): every line and every image is checked before anything is written, and
 * the rows go in within one transaction, so an import is all-or-nothing. Importing the same file again
 * changes nothing (ids are keys); an id whose content differs is reported and refuses the import.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { eq, inArray } from 'drizzle-orm';
import { imageSize } from 'image-size';
import { parseDatasetLine } from '../../shared/dataset';
import { BadInputError } from '../../shared/errors';
import { hashRank, type Db } from '../db/client';
import { questions } from '../db/schema';
import { newImageKey } from './images';
import { splitReview } from './review/exportDataset';

const REVIEW_STATUSES = ['unreviewed', 'accepted', 'corrected', 'rejected'] as const;
type ReviewStatus = (typeof REVIEW_STATUSES)[number];
import { assertInputFile, withoutBom } from './inputFiles';

/** How many line errors one refusal lists before summarising the rest. */
const MAX_REPORTED_ERRORS = 20;

export interface ImportOptions {
  /** The dataset file (JSON Lines). */
  datasetPath: string;
  /** How errors name the file (an upload's own name rather than its temporary path); default `datasetPath`. */
  displayName?: string;
  /** The folder that `image` paths are relative to; defaults to the dataset file's folder. */
  imagesRoot?: string;
  /** The server's image store (config.imagesDir): images are copied there, keeping their paths. */
  imagesDir: string;
  pool?: 'benchmark' | 'practice';
  /** Called with the number of lines read so far, for a progress display. */
  onProgress?: (done: number) => void;
}

export interface ImportReport {
  total: number;
  inserted: number;
  unchanged: number;
}

// The image key is given by withImageKeys, once the rows that are new are known.
type Row = Omit<typeof questions.$inferInsert, 'imageKey'>;

/** Imports a dataset file; throws BadInputError listing every bad line (line number, field, reason). */
export async function importDataset(db: Db, opts: ImportOptions): Promise<ImportReport> {
  const imagesRoot = path.resolve(opts.imagesRoot ?? path.dirname(opts.datasetPath));
  const pool = opts.pool ?? 'benchmark';
  const errors: string[] = [];
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  const imageSizes = new Map<string, { width: number; height: number } | string>();

  assertInputFile(opts.datasetPath, 'dataset file');
  // Errors read "FILE:LINE: field F: reason", as import-predictions and score report them.
  const name = opts.displayName ?? opts.datasetPath;
  const at = (lineNo: number, text: string) => `${name}:${lineNo}: ${text}`;
  const lines = readline.createInterface({ input: fs.createReadStream(opts.datasetPath), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = withoutBom(raw, lineNo);
    if (line.trim() === '') continue;
    opts.onProgress?.(lineNo);
    const parsed = parseDatasetLine(line, lineNo);
    if (!parsed.ok) {
      errors.push(at(lineNo, parsed.error.replace(/^line \d+(, |: )/, '')));
      continue;
    }
    const item = parsed.item;
    const firstLine = seen.get(item.id);
    if (firstLine !== undefined) {
      errors.push(at(lineNo, `field id: '${item.id}' already used on line ${firstLine}`));
      continue;
    }
    seen.set(item.id, lineNo);
    const size = readImageSize(imagesRoot, item.image, imageSizes);
    if (typeof size === 'string') {
      errors.push(at(lineNo, `field image: ${size}`));
      continue;
    }
    if ((item.width !== undefined && item.width !== size.width) || (item.height !== undefined && item.height !== size.height)) {
      errors.push(at(lineNo, `field width/height: ${item.width}×${item.height} given but ${item.image} is ${size.width}×${size.height}`));
      continue;
    }
    // An exported line carries its review state in meta.review: stored in the columns, not the item.
    const { item: stored, review } = splitReview(JSON.parse(line) as Record<string, unknown>);
    if (review && (!REVIEW_STATUSES.includes(review.status as ReviewStatus) || !Number.isInteger(review.version) || review.version < 1)) {
      errors.push(at(lineNo, `field meta.review: expected {"status": one of ${REVIEW_STATUSES.join(', ')}, "version": an integer ≥ 1, "reason": text or null}`));
      continue;
    }
    rows.push({
      id: item.id,
      task: item.task,
      pool,
      image: item.image,
      width: size.width,
      height: size.height,
      question: item.question,
      item: stored,
      ...(review ? { reviewStatus: review.status as ReviewStatus, version: review.version, reviewReason: review.reason } : {}),
      hashRank: hashRank(item.id),
    });
  }
  if (lineNo === 0 || (rows.length === 0 && errors.length === 0)) {
    throw new BadInputError(`${name}: the file holds no questions`);
  }

  const { fresh, unchanged } = splitAgainstExisting(db, name, rows, pool, errors, seen);
  checkImageStore(fresh, imagesRoot, opts.imagesDir, errors);
  if (errors.length > 0) throw refusal(name, errors);

  const keyed = withImageKeys(db, fresh);
  // Images go to temporary names first and take their place only once the rows are in: a failure
  // anywhere leaves the store and the database as they were.
  const staged = stageImages(fresh, imagesRoot, opts.imagesDir);
  try {
    db.transaction((tx) => {
      for (let i = 0; i < fresh.length; i += 500) tx.insert(questions).values(keyed.slice(i, i + 500)).run();
    });
  } catch (err) {
    for (const s of staged) fs.rmSync(s.temp, { force: true });
    throw err;
  }
  for (const s of staged) fs.renameSync(s.temp, s.dest);
  return { total: rows.length, inserted: fresh.length, unchanged };
}

function refusal(file: string, errors: string[]): BadInputError {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => `  ${e}`);
  const more = errors.length > MAX_REPORTED_ERRORS ? `\n  … and ${errors.length - MAX_REPORTED_ERRORS} more` : '';
  return new BadInputError(
    `${path.basename(file)}: ${errors.length} bad line(s); nothing was imported:\n${shown.join('\n')}${more}`,
  );
}

/** Resolves `rel` under `root`, refusing escapes, and reads the image's size (cached per path). */
function readImageSize(
  root: string,
  rel: string,
  cache: Map<string, { width: number; height: number } | string>,
): { width: number; height: number } | string {
  const cached = cache.get(rel);
  if (cached) return cached;
  const full = path.resolve(root, rel);
  let result: { width: number; height: number } | string;
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..') || !full.startsWith(root + path.sep)) {
    result = `'${rel}' must be a relative path inside the images folder`;
  } else if (!fs.existsSync(full)) {
    result = `image '${rel}' not found under ${root}`;
  } else if (!isInsideReally(root, full)) {
    // A symlink (the file or a folder on its way) that leads out of the images folder: copying it
    // would import whatever it points to.
    result = `'${rel}' is a symbolic link leading outside the images folder ${root}`;
  } else {
    try {
      const dim = imageSize(fs.readFileSync(full));
      result = dim.width && dim.height ? { width: dim.width, height: dim.height } : `'${rel}' has no readable size`;
    } catch (err) {
      result = `'${rel}' is not a readable image (${err instanceof Error ? err.message : String(err)})`;
    }
  }
  cache.set(rel, result);
  return result;
}

function isInsideReally(root: string, full: string): boolean {
  return fs.realpathSync(full).startsWith(fs.realpathSync(root) + path.sep);
}

/** Keeps rows not yet stored; identical ones count as unchanged; a differing one is an error. */
function splitAgainstExisting(db: Db, file: string, rows: Row[], pool: string, errors: string[], lineOf: Map<string, number>) {
  const fresh: Row[] = [];
  let unchanged = 0;
  const existing = new Map<string, { item: unknown; pool: string; version: number; reviewStatus: string }>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    const found = db
      .select({ id: questions.id, item: questions.item, pool: questions.pool, version: questions.version, reviewStatus: questions.reviewStatus })
      .from(questions)
      .where(inArray(questions.id, ids))
      .all();
    for (const r of found) existing.set(r.id, r);
  }
  for (const row of rows) {
    const old = existing.get(row.id);
    // A line without meta.review says nothing about the review; with it, it must match the database's.
    const sameReview = !old || row.version === undefined || (old.version === row.version && old.reviewStatus === row.reviewStatus);
    if (!old) fresh.push(row);
    else if (JSON.stringify(old.item) === JSON.stringify(row.item) && old.pool === pool && sameReview) unchanged++;
    else if (!sameReview) {
      errors.push(
        `${file}:${lineOf.get(row.id)}: field meta.review: '${row.id}' is at version ${old.version} (${old.reviewStatus}) here, the file says version ${row.version} (${row.reviewStatus}); ids are keys`,
      );
    } else errors.push(`${file}:${lineOf.get(row.id)}: field id: '${row.id}' was imported before with different content (${old.pool} pool); ids are keys`);
  }
  return { fresh, unchanged };
}

/**
 * An image already in the store under the same path must be the same file: overwriting it would
 * change the picture under questions imported before.
 */
function checkImageStore(rows: Row[], from: string, to: string, errors: string[]): void {
  const checked = new Set<string>();
  for (const row of rows) {
    if (checked.has(row.image)) continue;
    checked.add(row.image);
    const src = path.resolve(from, row.image);
    const dest = path.resolve(to, row.image);
    if (src === dest) continue;
    let existing: Buffer | null = null;
    try {
      existing = fs.readFileSync(dest);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') errors.push(`image '${row.image}': the image store cannot hold it (${code} at ${dest})`);
      continue;
    }
    if (!fs.readFileSync(src).equals(existing)) {
      errors.push(`image '${row.image}': a different file with this path is already in the image store (${to})`);
    }
  }
}

/** An image keeps the key it already has in the store; a new image gets a new random key. */
function withImageKeys(db: Db, rows: Row[]): (typeof questions.$inferInsert)[] {
  const keys = new Map<string, string>();
  return rows.map((row) => {
    let key = keys.get(row.image);
    if (!key) {
      const existing = db.select({ key: questions.imageKey }).from(questions).where(eq(questions.image, row.image)).limit(1).get();
      key = existing?.key ?? newImageKey();
      keys.set(row.image, key);
    }
    return { ...row, imageKey: key };
  });
}

/** Copies each new image next to its destination under a temporary name; returns what to rename. */
function stageImages(rows: Row[], from: string, to: string): { temp: string; dest: string }[] {
  const staged: { temp: string; dest: string }[] = [];
  const seen = new Set<string>();
  try {
    for (const row of rows) {
      if (seen.has(row.image)) continue;
      seen.add(row.image);
      const src = path.resolve(from, row.image);
      const dest = path.resolve(to, row.image);
      if (src === dest) continue;
      const temp = `${dest}.part-${process.pid}`;
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(src, temp);
      staged.push({ temp, dest });
    }
  } catch (err) {
    for (const s of staged) fs.rmSync(s.temp, { force: true });
    const e = err as NodeJS.ErrnoException;
    throw new BadInputError(`cannot copy images into the image store ${to}: ${e.code ?? ''} ${e.path ?? e.message}`.trim());
  }
  return staged;
}
