/**
 * One question of the batch: the question text and actions beside the canvas. Draw mode submits the
 * drawn answer; verify mode asks "is the shown answer correct?" and, if not, lets the contributor
 * correct it with the same tool. The time on the question and the half-drawn draft are kept locally.
 */
import { useEffect, useState } from 'react';
import type { Answer } from '../../../shared/answers';
import { AnnotationCanvas } from '../../canvas/AnnotationCanvas';
import { canvasCamera, type BatchItem } from './types';
import { SkipForm } from './SkipForm';
import { contributorStorage } from './storage';

interface Props {
  item: BatchItem;
  isSaving: boolean;
  onSubmit(answer: Answer): void;
  onVerdict(isCorrect: boolean, correction?: Answer): void;
  onSkip(reason: string): void;
}

export function QuestionView({ item, isSaving, onSubmit, onVerdict, onSkip }: Props) {
  const q = item.question;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [isSkipping, setSkipping] = useState(false);
  const [isCorrecting, setCorrecting] = useState(false);
  useEffect(() => contributorStorage.startTiming(item.assignmentId), [item.assignmentId]);
  const isVerify = item.mode === 'verify';
  const canvasMode = isVerify && !isCorrecting ? 'verify' : 'draw';

  const submit = () => {
    if (!answer) return;
    if (isVerify) onVerdict(false, answer);
    else onSubmit(answer);
  };

  return (
    <div className="question-layout" data-testid="question" data-task={q.task} data-mode={item.mode} data-assignment={item.assignmentId} data-image-width={q.width} data-image-height={q.height}>
      <aside className="question-side">
        <div className="mode-badge" data-mode={item.mode}>
          {item.mode === 'practice' ? 'Practice' : isVerify ? 'Check an answer' : q.task}
        </div>
        <p className="question-text" data-testid="question-text">
          {q.text}
        </p>
        {isVerify && !isCorrecting && (
          <>
            <p className="muted">Is the dashed answer over the image correct?</p>
            <div className="actions">
              <button className="primary" disabled={isSaving} onClick={() => onVerdict(true)} data-testid="verify-correct">
                Correct
              </button>
              <button disabled={isSaving} onClick={() => setCorrecting(true)} data-testid="verify-wrong">
                Not correct – fix it
              </button>
              <button disabled={isSaving} onClick={() => onVerdict(false)} data-testid="verify-wrong-only">
                Not correct
              </button>
            </div>
          </>
        )}
        {(!isVerify || isCorrecting) && (
          <div className="actions">
            <button className="primary" disabled={!answer || isSaving} onClick={submit} data-testid="submit-answer">
              {isVerify ? 'Submit correction' : 'Submit answer'}
            </button>
            {!answer && <span className="muted">Finish the answer on the image to submit.</span>}
          </div>
        )}
        {!isSkipping ? (
          <button className="link-button" onClick={() => setSkipping(true)} data-testid="skip-question">
            Skip this question…
          </button>
        ) : (
          <SkipForm isBusy={isSaving} onCancel={() => setSkipping(false)} onSkip={onSkip} />
        )}
      </aside>
      <section className="question-canvas">
        <AnnotationCanvas
          key={`${item.assignmentId}-${canvasMode}`}
          imageUrl={q.imageUrl}
          imageWidth={q.width}
          imageHeight={q.height}
          task={q.task}
          camera={canvasCamera(q)}
          objectSizeMm={q.objectSizeMm}
          mode={canvasMode}
          overlayAnswer={isVerify ? item.shownAnswer : null}
          initialAnswer={isCorrecting ? item.shownAnswer : null}
          initialDraft={isVerify ? null : (contributorStorage.draft(item.assignmentId) as string | null)}
          onAnswerChange={setAnswer}
          onDraftChange={(d) => {
            if (!isVerify) contributorStorage.setDraft(item.assignmentId, d);
          }}
        />
      </section>
    </div>
  );
}
