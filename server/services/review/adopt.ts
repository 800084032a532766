/**
 * Adopt as label: one crowd or model answer becomes the new label in one action, by the same path
 * as a curator's correction (a new version, optimistic concurrency on the version the curator saw,
 * box3d lifted for pose, every response rescored in the transaction), its reason naming the source.
 */
import { BadInputError } from '../../../shared/errors';
import type { Vec2 } from '../../../shared/geometry/types';
import type { Db } from '../../db/client';
import type { SessionUser } from '../auth';
import { storedAnswer } from '../baseline/included';
import { loadQuestion } from './crowd';
import type { LabelInput } from './labels';
import { objectRegions, regionsForMarkers } from './objectRegions';
import { correctLabel, type SaveResult } from './review';
import { visible } from '../../db/visibility';

/** "Human (4f2a…)" / "NVILA-15B": who gave the answer, in the version's reason. */
export function answerSourceName(source: string, annotator: string | null): string {
  return annotator ? `${source} ${annotator}` : source;
}

export function adoptAnswer(db: Db, user: SessionUser, input: { id: string; version: number; responseId: string; reason?: string }): SaveResult {
  const q = loadQuestion(db, input.id);
  const r = db.$client.prepare(`select question_id questionId, kind, source, annotator, output from responses r where id = ? and ${visible('r')}`).get(input.responseId) as
    | { questionId: string; kind: string; source: string; annotator: string | null; output: string | null }
    | undefined;
  if (!r || r.questionId !== q.id || r.kind !== 'answer') throw new BadInputError(`response ${input.responseId} is not an answer to ${q.id}`);
  const who = answerSourceName(r.source, r.annotator);
  const answer = storedAnswer(q.task, r.output === null ? null : JSON.parse(r.output));
  if (!answer) throw new BadInputError(`${who}'s answer to ${q.id} cannot be read as a ${q.task} answer, so it cannot become the label`);
  const label: LabelInput = { answer };
  // Rearrangement: each adopted marker needs its own region; take the object region it lies on.
  if ('points' in answer && q.item.regions) {
    const regions = regionsForMarkers(answer.points, objectRegions(db, q.id));
    const missing = regions.findIndex((x) => x === null);
    if (missing >= 0) {
      const [x, y] = answer.points[missing];
      throw new BadInputError(
        `${who}'s marker ${missing + 1} at (${Math.round(x)}, ${Math.round(y)}) lies on no known object region, so it would have none: ` +
          `start a correction from this answer instead and draw its region`,
      );
    }
    label.regions = regions.map((x) => x!.points as Vec2[]);
  }
  const extra = input.reason?.trim();
  return correctLabel(db, user, { id: q.id, version: input.version, label, reason: `adopted from ${who}${extra ? `: ${extra}` : ''}` });
}
