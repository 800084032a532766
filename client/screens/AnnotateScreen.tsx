/**
 * The contributor's page: start or resume a batch, learn each task (instruction, example, practice with
 * feedback), answer or verify each question, skip with a reason, and finish with a completion code.
 */
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AnnotationCanvas } from '../canvas/AnnotationCanvas';
import { TOOLS } from '../tools/registry';
import { errorText } from '../errors';
import { PracticeFeedback } from './annotate/PracticeFeedback';
import { QuestionView } from './annotate/QuestionView';
import { contributorStorage } from './annotate/storage';
import { TaskIntro } from './annotate/TaskIntro';
import { batchProgress } from './annotate/progress';
import { canvasCamera, type BatchItem } from './annotate/types';
import { useContributorBatch } from './annotate/useContributorBatch';

function ProgressBar({ items }: { items: readonly BatchItem[] }) {
  const { done, total, text } = batchProgress(items);
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label="Batch progress" data-testid="batch-progress">
      <div className="progress-fill" style={{ width: `${total ? (100 * done) / total : 0}%` }} />
      <span>{text}</span>
    </div>
  );
}

function CopyButton({ text }: { text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      data-testid="copy-completion-code"
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        )
      }
    >
      {state === 'copied' ? 'Copied ✓' : state === 'failed' ? 'Copy failed: select the code and copy it' : 'Copy code'}
    </button>
  );
}

/**
 * Offline: the answer is kept (in this page and its draft on this device) and sent by itself when the
 * connection is back; both moments are said, so nobody waits on a spinner that cannot finish.
 */
function useNetworkNotice(isWaiting: boolean): 'offline' | 'sent' | null {
  const [notice, setNotice] = useState<'offline' | 'sent' | null>(null);
  const wasWaiting = useRef(false);
  useEffect(() => {
    if (isWaiting) {
      wasWaiting.current = true;
      setNotice('offline');
      return;
    }
    if (!wasWaiting.current) return;
    wasWaiting.current = false;
    setNotice('sent');
    const id = setTimeout(() => setNotice(null), 8000);
    return () => clearTimeout(id);
  }, [isWaiting]);
  return notice;
}

function Finished({ code }: { code: string | null }) {
  return (
    <div className="panel" style={{ maxWidth: 560, margin: '40px auto', textAlign: 'center' }} data-testid="batch-finished">
      <h1>Thank you!</h1>
      {code ? (
        <>
          <p>You have finished your batch. Your completion code is</p>
          <p style={{ fontSize: 28, fontWeight: 700, letterSpacing: 2, marginBottom: 8 }} data-testid="completion-code">
            {code}
          </p>
          <CopyButton text={code} />
          <p className="muted">Paste it into the crowd platform to confirm your work.</p>
        </>
      ) : (
        <p data-testid="no-completion-code">
          Your batch is closed, but more than half of its questions were skipped, so there is no completion code.
        </p>
      )}
    </div>
  );
}

function FeedbackView({ item, onContinue }: { item: BatchItem; onContinue(): void }) {
  const fb = item.feedback!;
  const q = item.question;
  return (
    <div className="question-layout">
      <aside className="question-side">
        <div className="mode-badge" data-mode="practice">Practice</div>
        <p className="question-text">{q.text}</p>
        <PracticeFeedback task={q.task} feedback={fb} onContinue={onContinue} />
      </aside>
      <section className="question-canvas">
        <AnnotationCanvas
          key={`feedback-${item.assignmentId}`}
          imageUrl={q.imageUrl}
          imageWidth={q.width}
          imageHeight={q.height}
          task={q.task}
          tool={TOOLS[q.task]}
          camera={canvasCamera(q)}
          mode="verify"
          overlayLabel="Correct answer"
          overlayAnswer={fb.groundTruth}
          initialAnswer={fb.yourAnswer}
          onAnswerChange={() => undefined}
        />
      </section>
    </div>
  );
}

export default function AnnotateScreen() {
  const [params] = useSearchParams();
  const contributor = useContributorBatch(params.get('pid') ?? undefined, params.get('campaign') === 'labels' ? 'labels' : 'baseline');
  const [reviewId, setReviewId] = useState<number | null>(null);
  const [, setIntroVersion] = useState(0);
  const batch = contributor.batch.data;
  const notice = useNetworkNotice(contributor.isWaitingForNetwork);

  if (contributor.start.error) return <p className="error">{errorText(contributor.start.error)}</p>;
  if (contributor.batch.error) {
    return (
      <div className="error">
        {errorText(contributor.batch.error)} <button onClick={contributor.restart}>Start a new batch</button>
      </div>
    );
  }
  if (!batch) return <p className="loading">Preparing your questions…</p>;
  if (batch.isFinished && reviewId === null) return <Finished code={batch.completionCode} />;

  const review = reviewId !== null ? batch.items.find((i) => i.assignmentId === reviewId) : undefined;
  const current = batch.items.find((i) => i.status === 'open');
  // A practice answer is followed by its feedback: mark it before sending, so the next question never
  // flashes up between the reply and the feedback; a failed send unmarks it.
  const after = (send: () => Promise<unknown>, item: BatchItem, hasFeedback = item.mode === 'practice') => {
    if (hasFeedback) setReviewId(item.assignmentId);
    send().then(
      () => contributorStorage.forget(item.assignmentId),
      () => setReviewId(null),
    );
  };

  let body;
  if (review?.feedback) {
    body = <FeedbackView item={review} onContinue={() => setReviewId(null)} />;
  } else if (review) {
    body = (
      <p className="loading">
        {contributor.isWaitingForNetwork ? 'Your practice answer is kept; it will be scored when the connection is back.' : 'Scoring your practice answer…'}
      </p>
    );
  } else if (!current) {
    body = <p className="loading">Finishing…</p>;
  } else if (!contributorStorage.hasSeenIntro(current.question.task)) {
    body = (
      <TaskIntro
        task={current.question.task}
        onContinue={() => {
          contributorStorage.markIntroSeen(current.question.task);
          setIntroVersion((v) => v + 1);
        }}
      />
    );
  } else {
    body = (
      <QuestionView
        key={current.assignmentId}
        item={current}
        isSaving={contributor.isSaving}
        onSubmit={(a) => after(() => contributor.submitAnswer(current.assignmentId, a), current)}
        onVerdict={(ok, c) => after(() => contributor.submitVerdict(current.assignmentId, ok, c), current)}
        onSkip={(r) => after(() => contributor.skipQuestion(current.assignmentId, r), current, false)}
      />
    );
  }
  return (
    <div className="annotate" data-testid="annotate-page" data-assignment={current?.assignmentId}>
      <ProgressBar items={batch.items} />
      {notice === 'offline' && (
        <p className="notice offline" role="status" data-testid="offline-notice">
          You are offline. Your answer is kept on this device and will be sent as soon as the connection is back — keep this page open.
        </p>
      )}
      {notice === 'sent' && (
        <p className="notice" role="status" data-testid="sent-notice">
          Back online: your answer was sent.
        </p>
      )}
      {contributor.saveError && (
        <p className="error" role="alert">
          {errorText(contributor.saveError)} — your answer is kept; press submit again to retry.
        </p>
      )}
      {body}
    </div>
  );
}
