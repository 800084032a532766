/**
 * POST /files/import/dataset and /files/import/predictions (admins): a streaming multipart upload
 * (busboy), written to a temporary folder as it arrives, whatever its size — tRPC's JSON body is
 * capped at 256 KB — then imported by the same services as the CLI: every line and image checked
 * before anything is written, all-or-nothing, bad lines named by number.
 *
 * Dataset form fields: `dataset` (the .jsonl file), `image` files (each named by its path relative to
 * the dataset, as the lines give it; none when the images are already in the store), `pool`
 * (`practice` for the practice pool). Predictions: `predictions` (the .jsonl file).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError, BadInputError } from '../../shared/errors';
import type { Db } from '../db/client';
import { importDataset } from '../services/importDataset';
import { importPredictions } from '../services/importPredictions';
import { authorQuestion } from '../services/review/author';
import { requireRole, sendJson } from './auth';

/** Uploaded files, fields, and the temporary folder holding them. */
export async function receive(req: http.IncomingMessage, dir: string) {
  const files = new Map<string, string>();
  const fields = new Map<string, string>();
  let images = 0;
  const writes: Promise<void>[] = [];
  const bb = busboy({ headers: req.headers, preservePath: true, limits: { fields: 20, files: 1_000_000 } });
  bb.on('field', (name, value) => fields.set(name, value));
  bb.on('file', (name, stream, info) => {
    let dest: string;
    if (name === 'dataset' || name === 'predictions') dest = path.join(dir, `${name}.jsonl`);
    else if (name === 'image') {
      const rel = (info.filename ?? '').replace(/\\/g, '/');
      if (!rel || rel.startsWith('/') || rel.split('/').includes('..') || /^[a-zA-Z]:/.test(rel)) {
        stream.resume();
        writes.push(Promise.reject(new BadInputError(`image '${info.filename}': expected a relative path without '..'`)));
        return;
      }
      dest = path.join(dir, 'images', rel);
      images++;
    } else {
      stream.resume();
      return;
    }
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    files.set(name === 'image' ? `image:${images}` : name, dest);
    // The name the admin chose, for messages ("data.jsonl:500: …"), never the temporary path.
    if (name !== 'image' && info.filename) files.set(`name:${name}`, path.basename(info.filename));
    writes.push(pipeline(stream, fs.createWriteStream(dest)));
  });
  await pipeline(req, bb);
  await Promise.all(writes);
  return { files, fields, images };
}

export async function handleUpload(db: Db, imagesDir: string, req: http.IncomingMessage, res: http.ServerResponse, kind: string): Promise<void> {
  if (!requireRole(db, req, res, ['admin'])) return;
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST a multipart form' });
  if (kind !== 'dataset' && kind !== 'predictions') return sendJson(res, 404, { error: `nothing to import as '${kind}': dataset or predictions` });
  if (!/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, { error: 'expected a multipart/form-data upload' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-upload-'));
  try {
    const { files, fields, images } = await receive(req, dir);
    const file = files.get(kind);
    if (!file) throw new BadInputError(`the upload has no '${kind}' file`);
    if (kind === 'dataset') {
      const report = await importDataset(db, {
        datasetPath: file,
        displayName: files.get('name:dataset') ?? 'the uploaded dataset',
        // Without uploaded images the lines name images already in the store.
        imagesRoot: images > 0 ? path.join(dir, 'images') : imagesDir,
        imagesDir,
        pool: fields.get('pool') === 'practice' ? 'practice' : 'benchmark',
      });
      sendJson(res, 200, { kind, ...report });
    } else sendJson(res, 200, { kind, ...(await importPredictions(db, file)) });
  } catch (err) {
    if (err instanceof AppError) sendJson(res, 400, { error: err.message, code: err.code });
    else if (err instanceof Error && /Unexpected end of form|Malformed/i.test(err.message)) sendJson(res, 400, { error: `the upload was cut off or malformed (${err.message})` });
    else throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** POST /files/author (curators): `image` file and a `question` field holding {task, question, answer} as JSON. */
export async function handleAuthor(db: Db, imagesDir: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const user = requireRole(db, req, res, ['curator', 'admin']);
  if (!user) return;
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST a multipart form' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bopask-author-'));
  try {
    const { files, fields } = await receive(req, dir);
    const image = files.get('image:1');
    if (!image) throw new BadInputError('the upload has no image');
    let body: unknown;
    try {
      body = JSON.parse(fields.get('question') ?? '');
    } catch {
      throw new BadInputError("field 'question': expected JSON {task, question, answer}");
    }
    sendJson(res, 200, authorQuestion(db, imagesDir, user, image, path.basename(image), body));
  } catch (err) {
    if (err instanceof AppError) sendJson(res, 400, { error: err.message, code: err.code });
    else throw err;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
