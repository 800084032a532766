import type { Answer } from '../../../shared/answers';
import type { Scores } from '../../../shared/metrics';

/** Reads a practice score the way a contributor understands it. */
export function scoreSummary(task: string, s: Scores | null): string {
  if (!s) return 'Not scored.';
  if (!s.valid) return 'Your answer could not be read.';
  const pct = (v: number | null | undefined) => (v == null ? '–' : `${(v * 100).toFixed(0)}%`);
  switch (task) {
    case 'pose':
      return `Box overlap in 3D: ${pct(s.iou3d)} · in the image: ${pct(s.iou2d)} (100% is perfect).`;
    case 'grasp':
      return `Grasp error: ${s.nce?.toFixed(2)} finger widths (0 is perfect; under 0.5 is good).`;
    case 'trajectory':
      return `${s.success ? 'Starts on the object and ends on the target.' : 'Does not start on the object or end on the target.'} Mean distance from the reference path: ${s.dist?.toFixed(0)} px.`;
    case 'rearrangement':
      return `Found ${pct(s.recall)} of the objects to move; ${pct(s.precision)} of your markers were right.`;
    default:
      return s.correct ? 'Correct.' : 'Not correct.';
  }
}

export function PracticeFeedback({
  task,
  feedback,
  onContinue,
}: {
  task: string;
  feedback: { scores: Scores | null; yourAnswer: Answer | null; groundTruth: Answer; advice?: string[] };
  onContinue(): void;
}) {
  const gt = feedback.groundTruth;
  return (
    <div className="panel" data-testid="practice-feedback">
      <h2 style={{ marginTop: 0 }}>Practice result</h2>
      <p data-testid="practice-score">{scoreSummary(task, feedback.scores)}</p>
      {'value' in gt && <p>The correct answer is <b>{gt.value ? 'Yes' : 'No'}</b>.</p>}
      {feedback.advice && feedback.advice.length > 0 && (
        <ul className="advice" data-testid="practice-advice">
          {feedback.advice.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
      {'points' in gt && <p className="muted">The correct answer is drawn dashed over the image, your answer solid.</p>}
      <button className="primary" onClick={onContinue} autoFocus>
        Continue
      </button>
    </div>
  );
}
