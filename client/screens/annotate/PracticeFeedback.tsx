import { TASK_SPECS, type Answer, type Task } from '../../../shared/tasks';
import type { Scores } from '../../../shared/metrics/scores';

/** Reads a practice score the way a contributor understands it (the task's own wording). */
function scoreSummary(task: Task, s: Scores | null): string {
  if (!s) return 'Not scored.';
  if (!s.valid) return 'Your answer could not be read.';
  return TASK_SPECS[task].text.feedback(s);
}

export function PracticeFeedback({
  task,
  feedback,
  onContinue,
}: {
  task: Task;
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
