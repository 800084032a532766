/**
 * The question page (Figure 3 of the paper): the image with the ground truth, every human answer and
 * every model answer drawn over it, a legend with each answer's score, highlight on hover or click, and
 * the curator's switch to take the question out of the table. Reached from the results page, the
 * curate list and by id.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AnswersOverlay } from '../components/AnswersOverlay';
import { LoginGate } from '../components/LoginGate';
import { errorText } from '../errors';
import { trpc } from '../trpc';
import { Legend } from './question/Legend';
import { useQuestionOverlay } from './question/useQuestionOverlay';

function QuestionView({ questionId }: { questionId: string }) {
  const { query, legend } = useQuestionOverlay(questionId);
  const [pinned, setPinned] = useState<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const invalidate = { onSuccess: () => queryClient.invalidateQueries() };
  const exclude = useMutation(trpc.results.exclusions.excludeQuestion.mutationOptions(invalidate));
  const include = useMutation(trpc.results.exclusions.includeQuestion.mutationOptions(invalidate));
  const onHighlight = (key: string | null, isClick: boolean) => (isClick ? setPinned(pinned === key ? null : key) : setHover(key));
  const highlight = hover ?? pinned;
  if (query.error) return <p className="error">{errorText(query.error)}</p>;
  if (!query.data) return <p className="loading">Loading…</p>;
  const d = query.data;
  // Large enough to read the answers apart (small images are scaled up), within the page's width.
  const displayWidth = Math.max(480, Math.min(1100, Math.round(Math.min(window.innerWidth, 1600) * 0.6)));
  return (
    <div className="question-page">
      <div>
        <AnswersOverlay imageUrl={d.question.imageUrl} width={d.question.width} height={d.question.height} displayWidth={displayWidth} answers={legend} regions={d.regions} highlight={highlight} onHighlight={onHighlight} />
      </div>
      <aside>
        <h1>{d.question.id}</h1>
        <p className="muted">{d.question.task} · {d.question.text}</p>
        <Legend entries={legend} highlight={highlight} onHighlight={onHighlight} />
        <p className="muted" style={{ fontSize: 12 }}>Hover an answer to highlight it; click to keep it highlighted.</p>
        {d.excludedReason ? (
          <p>
            Left out of the table: {d.excludedReason}{' '}
            <button onClick={() => include.mutate({ questionId: d.question.id })}>Include again</button>
          </p>
        ) : (
          d.question.pool === 'benchmark' && (
            <form className="inline" onSubmit={(e) => { e.preventDefault(); exclude.mutate({ questionId: d.question.id, reason }); }}>
              <input aria-label="Reason to reject this question" placeholder="reason (e.g. wrong label)" value={reason} onChange={(e) => setReason(e.target.value)} />
              <button type="submit">Reject from the table</button>
            </form>
          )
        )}
        {(exclude.error || include.error) && <p className="error">{errorText(exclude.error ?? include.error)}</p>}
        <p><Link to={`/gallery?ids=${encodeURIComponent(d.question.id)}`}>Add to a gallery</Link> · <Link to="/results">Results</Link></p>
      </aside>
    </div>
  );
}

export default function QuestionScreen() {
  const { id = '' } = useParams();
  return (
    <LoginGate roles={['curator', 'admin']}>
      <QuestionView questionId={id} />
    </LoginGate>
  );
}
