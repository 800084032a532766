/**
 * One question of the batch: the question text and actions beside the canvas. Draw mode submits the
 * drawn answer; verify mode asks "is the shown answer correct?" and, if not, lets the contributor
 * correct it with the same tool (and go back). The time on the question and the half-drawn draft —
 * a correction too — are kept locally. Every action has a key, bound and listed by the canvas.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Answer } from '../../../shared/tasks';
import { AnnotationCanvas } from '../../canvas/AnnotationCanvas';
import { TOOLS } from '../../tools/registry';
import { contributorKeys, type HostAction } from '../../history/shortcuts';
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
  const id = item.assignmentId;
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [isSkipping, setSkipping] = useState(false);
  const isVerify = item.mode === 'verify';
  const [isCorrecting, setCorrectingState] = useState(() => isVerify && contributorStorage.isCorrecting(id));
  useEffect(() => contributorStorage.startTiming(id), [id]);
  const canvasMode = isVerify && !isCorrecting ? 'verify' : 'draw';
  const shown = item.shownAnswer;

  const setCorrecting = (isOn: boolean) => {
    contributorStorage.setCorrecting(id, isOn);
    // Going back drops the correction: the next "Fix it" starts again from the proposal as it is.
    if (!isOn) contributorStorage.setDraft(id, null);
    setAnswer(null);
    setCorrectingState(isOn);
  };
  const submit = () => {
    if (!answer || isSaving) return;
    if (isVerify) onVerdict(false, answer);
    else onSubmit(answer);
  };
  const hostActions: HostAction[] = isSaving
    ? []
    : isVerify && !isCorrecting
      ? ['accept', 'fix', 'reject']
      : [...(answer ? (['submit'] as const) : []), ...(isCorrecting ? (['back'] as const) : [])];
  // The one key table needs a stable array: rebuilt only when the actions that apply change.
  const hostKey = hostActions.join(',');
  const hostKeys = useMemo(() => contributorKeys(hostKey ? (hostKey.split(',') as HostAction[]) : []), [hostKey]);
  const onHostAction = (a: HostAction) => {
    if (a === 'accept') onVerdict(true);
    else if (a === 'reject') onVerdict(false);
    else if (a === 'fix') setCorrecting(true);
    else if (a === 'back') setCorrecting(false);
    else submit();
  };

  return (
    <div className="question-layout" data-testid="question" data-task={q.task} data-mode={item.mode} data-correcting={isCorrecting ? 'true' : 'false'} data-assignment={id} data-image-width={q.width} data-image-height={q.height}>
      <aside className="question-side">
        <div className="mode-badge" data-mode={item.mode}>
          {item.mode === 'practice' ? 'Practice' : isVerify ? 'Check an answer' : q.task}
        </div>
        <p className="question-text" data-testid="question-text">
          {q.text}
        </p>
        {isVerify && !isCorrecting && (
          <>
            {shown && 'value' in shown ? (
              <p className="proposed" data-testid="proposed-answer">
                Proposed answer: <b>{shown.value ? 'Yes' : 'No'}</b>. Is it correct?
              </p>
            ) : (
              <p className="muted">Is the dashed answer over the image correct?</p>
            )}
            {/* No default: all three look alike, and each has its key (A, E, R). */}
            <div className="actions">
              <button disabled={isSaving} onClick={() => onVerdict(true)} data-testid="verify-correct">
                Correct <kbd>A</kbd>
              </button>
              <button disabled={isSaving} onClick={() => setCorrecting(true)} data-testid="verify-wrong">
                Not correct – fix it <kbd>E</kbd>
              </button>
              <button disabled={isSaving} onClick={() => onVerdict(false)} data-testid="verify-wrong-only">
                Not correct <kbd>R</kbd>
              </button>
            </div>
          </>
        )}
        {(!isVerify || isCorrecting) && (
          <div className="actions">
            <button className="primary" disabled={!answer || isSaving} onClick={submit} data-testid="submit-answer">
              {isVerify ? 'Submit correction' : 'Submit answer'} <kbd>Enter</kbd>
            </button>
            {isCorrecting && (
              <button disabled={isSaving} onClick={() => setCorrecting(false)} data-testid="verify-back">
                Back to checking <kbd>B</kbd>
              </button>
            )}
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
          key={`${id}-${canvasMode}`}
          imageUrl={q.imageUrl}
          imageWidth={q.width}
          imageHeight={q.height}
          task={q.task}
          tool={TOOLS[q.task]}
          camera={canvasCamera(q)}
          objectSizeMm={q.objectSizeMm}
          mode={canvasMode}
          overlayAnswer={isVerify ? shown : null}
          initialAnswer={isCorrecting ? shown : null}
          initialDraft={canvasMode === 'draw' ? (contributorStorage.draft(id) as string | null) : null}
          onAnswerChange={setAnswer}
          onDraftChange={(d) => {
            if (canvasMode === 'draw') contributorStorage.setDraft(id, d);
          }}
          hostKeys={hostKeys}
          onHostKey={(id) => onHostAction(id as HostAction)}
          autoFocus
        />
      </section>
    </div>
  );
}
