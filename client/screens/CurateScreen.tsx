import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { TASKS } from '../../shared/answers';
import { AnnotationCanvas } from '../canvas/AnnotationCanvas';
import { LoginGate } from '../components/LoginGate';
import { errorText } from '../errors';
import { trpc } from '../trpc';

const PAGE = 20;

function QuestionBrowser() {
  const [task, setTask] = useState<(typeof TASKS)[number] | ''>('');
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [idPrefix, setIdPrefix] = useState('');
  const list = useQuery(trpc.items.list.queryOptions({ task: task || undefined, idPrefix: idPrefix || undefined, offset, limit: PAGE }));
  const open = list.data?.items.find((q) => q.id === openId);
  return (
    <div>
      <h1>Curate</h1>
      <form className="inline" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="task-filter">Task</label>
          <select
            id="task-filter"
            value={task}
            onChange={(e) => {
              setTask(e.target.value as typeof task);
              setOffset(0);
            }}
          >
            <option value="">all</option>
            {TASKS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="id-filter">Id starts with</label>
          <input
            id="id-filter"
            value={idPrefix}
            onChange={(e) => {
              setIdPrefix(e.target.value.trim());
              setOffset(0);
            }}
          />
        </div>
        {list.data && (
          <span className="muted">
            {list.data.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, list.data.total)} of {list.data.total}
          </span>
        )}
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </button>
        <button type="button" disabled={!list.data || offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </button>
      </form>
      {list.error && <p className="error">{errorText(list.error)}</p>}
      {open && (
        <div className="panel" data-testid="curate-preview" style={{ marginTop: 12 }}>
          <p style={{ marginTop: 0 }}>
            <b>{open.id}</b> · {open.task} · {open.question}{' '}
            <button onClick={() => setOpenId(null)}>Close</button>
          </p>
          <AnnotationCanvas
            key={open.id}
            imageUrl={open.imageUrl}
            imageWidth={open.width}
            imageHeight={open.height}
            task={open.task}
            camera={open.camera}
            mode="verify"
            overlayLabel="Generated answer"
            overlayAnswer={open.gt}
            onAnswerChange={() => undefined}
            height="65vh"
          />
        </div>
      )}
      <table className="data" style={{ marginTop: 12 }} data-testid="curate-list">
        <thead>
          <tr>
            <th>Question</th>
            <th style={{ textAlign: 'left' }}>Image</th>
            <th style={{ textAlign: 'left' }}>Text and generated answer</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((q) => (
            <tr key={q.id}>
              <td>
                <b>{q.id}</b>
                <div className="muted">{q.task}</div>
                <Link to={`/question/${encodeURIComponent(q.id)}`}>all answers</Link>
                {q.verdicts.correct + q.verdicts.wrong > 0 && (
                  <div className={q.verdicts.wrong > q.verdicts.correct ? 'verdict bad' : 'verdict'} data-testid="label-verdicts">
                    crowd: {q.verdicts.correct} correct, {q.verdicts.wrong} wrong
                  </div>
                )}
              </td>
              <td style={{ textAlign: 'left' }}>
                <button
                  className="thumb"
                  onClick={() => {
                    setOpenId(q.id);
                    window.scrollTo({ top: 0 });
                  }} aria-label={`Show ${q.id} with its answer`}>
                  <img src={q.imageUrl} alt="" width={160} height={Math.round((160 * q.height) / q.width)} loading="lazy" />
                </button>
              </td>
              <td style={{ textAlign: 'left' }}>
                <div>{q.question}</div>
                <code className="muted" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {q.answer}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function CurateScreen() {
  return (
    <LoginGate roles={['curator', 'admin']}>
      <QuestionBrowser />
    </LoginGate>
  );
}
