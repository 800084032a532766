/**
 * Predictions/responses import (FORMAT.md "one answer a line"). Every line is scored with the shared
 * metric code as it is read; the rows go in inside one transaction that is rolled back on the first
 * bad line's report, so an import is all-or-nothing. A response's key is (question, source, annotator):
 * importing the same file again changes nothing; a different output under the same key is refused.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { z } from 'zod';
import { BadInputError } from '../../shared/errors';
import type { Db } from '../db/client';
import { questions } from '../db/schema';
import { encodeScores, scoreStored, type StoredQuestion } from './scoring';

export const predictionLineSchema = z.object({
  id: z.string().min(1),
  source: z.string().trim().min(1).max(100),
  annotator: z.string().min(1).max(200).optional(),
  output: z.unknown().refine((v) => v !== undefined, 'output is required'),
});

const MAX_REPORTED_ERRORS = 20;

export interface PredictionsReport {
  total: number;
  inserted: number;
  unchanged: number;
  invalid: number;
  sources: string[];
}

/** Stable response id: the same (question, source, annotator) always maps to the same row. */
export function predictionResponseId(questionId: string, source: string, annotator: string | undefined): string {
  return 'p-' + createHash('sha1').update(JSON.stringify([questionId, source, annotator ?? null])).digest('hex').slice(0, 32);
}

export async function importPredictions(db: Db, file: string, onProgress?: (lines: number) => void): Promise<PredictionsReport> {
  if (!fs.existsSync(file)) throw new BadInputError(`predictions file not found: ${file}`);
  const byId = new Map<string, StoredQuestion>();
  for (const q of db.select({ id: questions.id, width: questions.width, height: questions.height, item: questions.item }).from(questions).all()) {
    byId.set(q.id, q);
  }
  const findExisting = db.$client.prepare('select output from responses where id = ?');
  const insert = db.$client.prepare(
    `insert into responses (id, question_id, source, annotator, kind, output, scores) values (?, ?, ?, ?, 'answer', ?, ?)`,
  );
  const errors: string[] = [];
  const seen = new Set<string>();
  const sources = new Set<string>();
  const report: PredictionsReport = { total: 0, inserted: 0, unchanged: 0, invalid: 0, sources: [] };
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  db.$client.exec('BEGIN IMMEDIATE');
  try {
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      if (lineNo % 10_000 === 0) onProgress?.(lineNo);
      const where = `line ${lineNo}`;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        errors.push(`${where}: not valid JSON`);
        continue;
      }
      const parsed = predictionLineSchema.safeParse(json);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        errors.push(`${where}, field ${i.path.join('.') || '(line)'}: ${i.message}`);
        continue;
      }
      const p = parsed.data;
      const q = byId.get(p.id);
      if (!q) {
        errors.push(`${where}, field id: no question '${p.id}' in the database`);
        continue;
      }
      const rid = predictionResponseId(p.id, p.source, p.annotator);
      if (seen.has(rid)) {
        errors.push(`${where}: a second answer to '${p.id}' from ${p.source}${p.annotator ? `/${p.annotator}` : ''}`);
        continue;
      }
      seen.add(rid);
      if (errors.length > 0) continue; // keep checking, stop writing
      report.total++;
      sources.add(p.source);
      const output = JSON.stringify(p.output);
      const old = findExisting.get(rid) as { output: string } | undefined;
      if (old) {
        if (old.output === output) report.unchanged++;
        else errors.push(`${where}: '${p.id}' from ${p.source} was imported before with a different output`);
        continue;
      }
      const scores = scoreStored(q, p.output);
      if (!scores.valid) report.invalid++;
      insert.run(rid, p.id, p.source, p.annotator ?? null, output, JSON.stringify(encodeScores(scores)));
      report.inserted++;
    }
    if (lineNo === 0) errors.push('the file is empty');
    if (errors.length > 0) {
      const shown = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => `  ${e}`).join('\n');
      const more = errors.length > MAX_REPORTED_ERRORS ? `\n  … and ${errors.length - MAX_REPORTED_ERRORS} more` : '';
      throw new BadInputError(`${file}: ${errors.length} bad line(s); nothing was imported:\n${shown}${more}`);
    }
    db.$client.exec('COMMIT');
  } catch (err) {
    db.$client.exec('ROLLBACK');
    throw err;
  }
  report.sources = [...sources];
  return report;
}
