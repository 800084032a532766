/**
 * The contributor's page: start or resume a batch, learn each task (instruction, example, practice with
 * feedback), answer or verify each question, skip with a reason, and finish with a completion code.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { AnnotationCanvas } from '../canvas/AnnotationCanvas';
import { TOOLS } from '../tools/registry';
import { errorText } from '../errors';
import { PracticeFeedback } from './annotate/PracticeFeedback';
import { QuestionView } from './annotate/QuestionView';
import { contributorStorage } from './annotate/storage';
import { TaskIntro } from './annotate/TaskIntro';
import { canvasCamera, type BatchItem } from './annotate/types';
import { useContributorBatch } from './annotate/useContributorBatch';

function ProgressBar({ done, total }: { done: number; total: number }) {
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label="Batch progress">
      <div className="progress-fill" style={{ width: `${total ? (100 * done) / total : 0}%` }} />
      <span>
        {done} of {total} done
      </span>
    </div>
  );
}

function Finished({ code }: { code: string | null }) {
  return (
    <div className="panel" style={{ maxWidth: 560, margin: '40px auto', textAlign: 'center' }} data-testid="batch-finished">
      <h1>Thank you!</h1>
      {code ? (
        <>
          <p>You have finished your batch. Your completion code is</p>
          <p style={{ fontSize: 28, fontWeight: 700, letterSpacing: 2 }} data-testid="completion-code">
            {code}
          </p>
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
    body = <p className="loading">Scoring your practice answer…</p>;
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
      <ProgressBar done={batch.done} total={batch.total} />
      {contributor.saveError && (
        <p className="error" role="alert">
          {errorText(contributor.saveError)} — your answer is kept; press submit again to retry.
        </p>
      )}
      {body}
    </div>
  );
}
