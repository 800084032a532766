/**
 * One question under review: the image large with the label drawn and editable by the task's own
 * tool (the annotation canvas, started from the label), the regions (editable in their own view), the
 * crowd's and the models' answers beside the label (adopt one in one action), the evidence, the
 * actions (accept, correct-and-accept, reject with a reason, restore) and prev/next, all on the keyboard.
 * Switching views keeps the unsaved correction: the canvas's draft and the regions live here.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Answer } from '../../../shared/tasks';
import type { Box3d } from '../../../shared/geometry/types';
import { AnnotationCanvas } from '../../canvas/AnnotationCanvas';
import { TOOLS } from '../../tools/registry';
import type { Region } from '../../canvas/RegionsLayer';
import { errorText } from '../../errors';
import { trpc } from '../../trpc';
import { CrowdPanel } from './CrowdPanel';
import { HistoryList } from './HistoryList';
import { boxInput, gizmoBoxProblem } from './gizmoBox';
import { draftOf, editableRegions, hasRegions, regionProblems, type RegionDraft } from './regionDraft';
import { RegionEditor } from './RegionEditor';
import { reviewKeys, type ReviewView } from './reviewKeys';
import type { QueueState } from './useQueue';

type SaveResult = { ok: true; item: unknown } | { ok: false; conflict: string; item: unknown };
const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

export function ItemView({ id, q }: { id: string; q: QueueState }) {
  const queryClient = useQueryClient();
  const itemKey = trpc.review.item.queryKey({ id });
  const item = useQuery(trpc.review.item.queryOptions({ id }));
  const [answer, setAnswer] = useState<Answer | null>(null);
  // The first answer the canvas reports for a version is the label as the tool reads it: "changed"
  // means the curator moved something, not that the tool rounded or clamped a point.
  const baseline = useRef<{ key: string; text: string } | null>(null);
  const sessionKey = useRef('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ kind: 'conflict' | 'ok' | 'error'; text: string } | null>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<ReviewView>('label');
  // Unsaved work per version (`key` = id@version): the canvas's draft and the regions being edited.
  const [canvasDraft, setCanvasDraft] = useState<{ key: string; text: string } | null>(null);
  const [regionEdit, setRegionEdit] = useState<{ key: string; draft: RegionDraft } | null>(null);

  const index = q.items.findIndex((r) => r.id === id);
  const nextId = q.items[index + 1]?.id ?? null;
  const prevId = index > 0 ? q.items[index - 1].id : null;
  // Keep one page ahead so "next" never waits at the end of what is loaded.
  useEffect(() => {
    if (index >= q.items.length - 3 && q.pages.hasNextPage && !q.pages.isFetchingNextPage) void q.pages.fetchNextPage();
  }, [index, q.items.length, q.pages]);

  const data = item.data;
  const version = data?.version;
  sessionKey.current = `${id}@${version}`;
  useEffect(() => setReason(''), [id, version]);
  const onAnswerChange = useCallback((a: Answer | null) => {
    if (baseline.current?.key !== sessionKey.current) baseline.current = { key: sessionKey.current, text: JSON.stringify(a) };
    setAnswer(a);
  }, []);
  // The 3D gizmo's box (items with world_to_camera): sent with a changed answer, stored as box3d.
  const [gizmoBox, setGizmoBox] = useState<{ key: string; box: Box3d | null } | null>(null);
  const onBox3dChange = useCallback((box: Box3d | null) => setGizmoBox({ key: sessionKey.current, box }), []);
  const isAnswerChanged = answer !== null && baseline.current?.key === sessionKey.current && JSON.stringify(answer) !== baseline.current.text;
  const savedRegions = useMemo(() => (data ? draftOf(data) : {}), [data]);
  const regionDraft = regionEdit?.key === sessionKey.current ? regionEdit.draft : savedRegions;
  const isRegionsChanged = JSON.stringify(regionDraft) !== JSON.stringify(savedRegions);
  const isChanged = isAnswerChanged || isRegionsChanged;
  const workingAnswer = answer ?? data?.label ?? null;
  const sentBox = isAnswerChanged && gizmoBox?.key === sessionKey.current ? gizmoBox.box : null;
  const boxProblem = sentBox && data?.camera ? gizmoBoxProblem(data.camera.K, sentBox, workingAnswer) : null;
  const problems = data && isChanged ? [...(boxProblem ? [boxProblem] : []), ...regionProblems(data.task, regionDraft, workingAnswer, data)] : [];
  const itemHasRegions = hasRegions(savedRegions);
  const hostKeys = reviewKeys(view, itemHasRegions);
  const objectRegions = useQuery({ ...trpc.review.objectRegions.queryOptions({ id }), enabled: view === 'regions' });

  const after = (goNext: boolean) => (res: SaveResult) => {
    queryClient.setQueryData(itemKey, res.item as never);
    void queryClient.invalidateQueries({ queryKey: trpc.review.history.queryKey({ id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.review.counts.queryKey() });
    // The crowd's scores follow the label.
    void queryClient.invalidateQueries({ queryKey: trpc.review.crowd.pathKey() });
    if (!res.ok) return setMessage({ kind: 'conflict', text: res.conflict });
    setMessage({ kind: 'ok', text: `Saved ${id}.` });
    if (goNext && nextId) q.open(nextId);
  };
  const onError = (err: unknown) => setMessage({ kind: 'error', text: errorText(err) });
  const accept = useMutation(trpc.review.accept.mutationOptions({ onError }));
  const correct = useMutation(trpc.review.correct.mutationOptions({ onError }));
  const reject = useMutation(trpc.review.reject.mutationOptions({ onError }));
  const restore = useMutation(trpc.review.restore.mutationOptions({ onError }));
  const adopt = useMutation(trpc.review.adopt.mutationOptions({ onError }));
  const isBusy = accept.isPending || correct.isPending || reject.isPending || restore.isPending || adopt.isPending;

  const save = (goNext: boolean) => {
    if (!data || isBusy) return;
    const r = reason.trim() || undefined;
    if (problems.length > 0) return setMessage({ kind: 'error', text: problems[0] });
    if (isChanged && workingAnswer) {
      const label = { answer: workingAnswer, ...(sentBox ? { box3d: boxInput(sentBox) } : {}), ...(isRegionsChanged ? regionDraft : {}) };
      correct.mutate({ id, version: data.version, label, reason: r }, { onSuccess: after(goNext) });
    } else accept.mutate({ id, version: data.version, reason: r }, { onSuccess: after(goNext) });
  };
  const onAdopt = (responseId: string, name: string) => {
    if (!data || isBusy) return;
    adopt.mutate(
      { id, version: data.version, responseId, reason: reason.trim() || undefined },
      {
        onSuccess: (res) => {
          after(false)(res);
          if (res.ok) setMessage({ kind: 'ok', text: `Adopted ${name}'s answer as version ${res.item.version}; ${res.rescored} response(s) rescored.` });
        },
      },
    );
  };
  const doReject = () => {
    if (!data || isBusy) return;
    if (!reason.trim()) {
      setMessage({ kind: 'error', text: 'Type the reason for rejecting, then press Enter.' });
      return reasonRef.current?.focus();
    }
    reject.mutate({ id, version: data.version, reason: reason.trim() }, { onSuccess: after(true) });
  };
  const onHostKey = (key: string) => {
    if (key === 'save-next') save(true);
    else if (key === 'reject') reasonRef.current?.focus();
    else if (key === 'next' && nextId) q.open(nextId);
    else if (key === 'prev' && prevId) q.open(prevId);
    else if (key === 'queue') q.open(null);
    else if (key === 'view-crowd') setView('crowd');
    else if (key === 'view-regions') setView('regions');
    else if (key === 'view-label') setView('label');
  };

  const regions = useMemo((): Region[] => editableRegions(regionDraft).map((r) => ({ points: r.points, label: r.key.startsWith('r') ? String(Number(r.key.slice(1)) + 1) : r.key })), [regionDraft]);
  const sessionOf = sessionKey.current;

  if (item.error) return <p className="error">{errorText(item.error)}</p>;
  if (!data) return <p className="loading">Loading…</p>;
  return (
    <div className="review" data-testid="review-item" data-id={id} data-version={data.version} data-status={data.status}>
      <div className="question-layout">
        <div className="question-canvas">
          <div className="view-tabs" role="tablist" aria-label="What the image shows">
            {(['label', ...(itemHasRegions ? ['regions'] : []), 'crowd'] as ReviewView[]).map((v) => (
              <button key={v} role="tab" aria-selected={view === v} className={view === v ? 'tab on' : 'tab'} onClick={() => setView(v)} data-testid={`view-${v}`}>
                {v === 'label' ? 'Edit the label' : v === 'regions' ? <>Edit the regions <kbd>R</kbd></> : <>Crowd &amp; models <kbd>V</kbd></>}
              </button>
            ))}
          </div>
          {view === 'label' && (
            <AnnotationCanvas
              key={sessionOf}
              imageUrl={data.imageUrl}
              imageWidth={data.width}
              imageHeight={data.height}
              task={data.task}
              tool={TOOLS[data.task]}
              camera={data.camera}
              mode="draw"
              initialAnswer={data.label}
              initialBox3d={data.camera?.world_to_camera ? data.box3d : null}
              onBox3dChange={onBox3dChange}
              initialDraft={canvasDraft?.key === sessionOf ? canvasDraft.text : null}
              onDraftChange={(text) => setCanvasDraft({ key: sessionOf, text })}
              overlayAnswer={data.label}
              overlayLabel="Current label"
              regions={regions}
              hostKeys={hostKeys}
              onHostKey={onHostKey}
              onAnswerChange={onAnswerChange}
            />
          )}
          {view === 'regions' && (
            <RegionEditor
              imageUrl={data.imageUrl}
              width={data.width}
              height={data.height}
              task={data.task}
              tool={TOOLS[data.task]}
              answer={workingAnswer}
              draft={regionDraft}
              onChange={(draft) => setRegionEdit({ key: sessionOf, draft })}
              objectRegions={objectRegions.data ?? []}
              hostKeys={hostKeys}
              onHostKey={onHostKey}
            />
          )}
          {view === 'crowd' && <CrowdPanel item={data} isBusy={isBusy} onAdopt={onAdopt} hostKeys={hostKeys} onHostKey={onHostKey} />}
        </div>
        <aside className="question-side">
          <div className="actions">
            <button onClick={() => q.open(null)}>← Queue</button>
            <button disabled={!prevId} onClick={() => prevId && q.open(prevId)} data-testid="review-prev">
              Previous
            </button>
            <button disabled={!nextId} onClick={() => nextId && q.open(nextId)} data-testid="review-next">
              Next
            </button>
            {index >= 0 && (
              <span className="muted">
                {index + 1} of {q.items.length}
                {q.pages.hasNextPage ? '+' : ''}
              </span>
            )}
          </div>
          <div>
            <b>{data.id}</b> · {data.task} ·{' '}
            <span className="status" data-status={data.status} data-testid="review-status">
              {data.status}
            </span>{' '}
            <span className="muted">v{data.version}</span>
            {data.reason && <div className="muted">“{data.reason}”</div>}
          </div>
          <p className="question-text">{data.questionHuman ?? data.question}</p>
          {data.meta && <code className="muted answer-text">{JSON.stringify(data.meta)}</code>}
          <div className="muted" data-testid="review-evidence">
            Crowd: {data.crowd.count > 0 ? `${data.crowd.count} answer(s), mean agreement ${pct(data.crowd.meanAgreement)}, lowest ${pct(data.crowd.minAgreement)}` : 'no answers yet'}
            <br />
            Verification votes: {data.votes.correct} correct, {data.votes.wrong} wrong
          </div>
          <form
            className="review-actions"
            onSubmit={(e) => {
              e.preventDefault();
              // Enter in the reason box rejects when the reason was asked for by X; the buttons say which.
              doReject();
            }}
          >
            <label htmlFor="review-reason">Reason (required to reject)</label>
            <input id="review-reason" ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. wrong object, box too tall" />
            <div className="actions">
              <button type="button" className="primary" disabled={isBusy} onClick={() => save(true)} data-testid="review-save">
                {isChanged ? 'Save correction & next' : 'Accept & next'} <kbd>Enter</kbd>
              </button>
              <button type="submit" className="danger" disabled={isBusy} data-testid="review-reject">
                Reject <kbd>X</kbd>
              </button>
            </div>
          </form>
          {isChanged && problems.length === 0 && <p className="muted">You changed the label{isRegionsChanged ? (isAnswerChanged ? ' and its regions' : '’s regions') : ''}: saving stores it as a new version and rescores every response.</p>}
          {problems.map((p) => (
            <p key={p} className="error" data-testid="review-problem">
              {p}
            </p>
          ))}
          {message && (
            <p className={message.kind === 'ok' ? 'muted' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid={`review-${message.kind}`}>
              {message.text}
            </p>
          )}
          <h3 style={{ margin: '8px 0 0' }}>History</h3>
          <HistoryList
            id={id}
            current={data.version}
            isBusy={isBusy}
            onRestore={(v) => restore.mutate({ id, version: data.version, toVersion: v }, { onSuccess: after(false) })}
          />
        </aside>
      </div>
    </div>
  );
}
