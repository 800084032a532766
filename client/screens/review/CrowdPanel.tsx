/**
 * The crowd beside the label (curators only): every human and model answer to the item drawn over
 * the image by the results page's overlay, the label in white, each with its score against the
 * current label; hover or click (or ↑/↓) highlights one, and one action adopts it as the new label.
 * Answers come a page at a time (a question may have many).
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useMemo, useRef, useState } from 'react';
import type { AppRouter } from '../../../server/routers/_app';
import { AnswersOverlay, answerStyle, GROUND_TRUTH_COLOR } from '../../components/AnswersOverlay';
import { errorText } from '../../errors';
import { Legend as KeyLegend } from '../../history/Legend';
import { useShortcuts, type HostKey, type Shortcut } from '../../history/shortcuts';
import { trpc } from '../../trpc';
import { Legend } from '../question/Legend';
import { scoreText } from '../question/scoreText';
import type { LegendEntry } from '../question/useQuestionOverlay';
import { CROWD_KEYS } from './reviewKeys';
import { useElementSize } from './useElementSize';

type Outputs = inferRouterOutputs<AppRouter>['review'];
type Item = Outputs['item'];
type CrowdAnswer = Outputs['crowd']['answers'][number];

const PAGE = 50;
const shortId = (id: string) => (id.length <= 16 ? id : id.slice(0, 8));
const pct = (x: number) => `${Math.round(x * 100)}%`;

export function answerName(a: { source: string; annotator: string | null }): string {
  return a.source === 'Human' ? `Human ${shortId(a.annotator ?? '')}`.trim() : a.annotator ? `${a.source} ${shortId(a.annotator)}` : a.source;
}

function legendOf(item: Item, answers: CrowdAnswer[]): LegendEntry[] {
  const label: LegendEntry = { key: 'gt', label: `Current label (v${item.version})`, color: GROUND_TRUTH_COLOR, answer: item.label, detail: 'what the scores are against', isExcluded: false };
  return [
    label,
    ...answers.map((a): LegendEntry => ({
      key: a.responseId,
      label: answerName(a),
      ...answerStyle(a.index),
      answer: a.answer,
      detail: `${scoreText(item.task, a.scores)} · agrees ${pct(a.agreement)}${a.isStoredStale ? ' · stored score was out of date' : ''}${a.timeMs !== null ? ` · ${(a.timeMs / 1000).toFixed(1)} s` : ''}`,
      isExcluded: false,
    })),
  ];
}

interface Props {
  item: Item;
  isBusy: boolean;
  onAdopt(responseId: string, name: string): void;
  hostKeys: readonly HostKey[];
  onHostKey(id: string): void;
}

export function CrowdPanel({ item, isBusy, onAdopt, hostKeys, onHostKey }: Props) {
  const pages = useInfiniteQuery(trpc.review.crowd.infiniteQueryOptions({ id: item.id, limit: PAGE }, { getNextPageParam: (last) => last.next }));
  const answers = useMemo(() => pages.data?.pages.flatMap((p) => p.answers) ?? [], [pages.data]);
  const total = pages.data?.pages[0]?.total ?? 0;
  const entries = useMemo(() => legendOf(item, answers), [item, answers]);
  const [pinned, setPinned] = useState<string | null>(null);
  const [hover, setHover] = useState<string | null>(null);
  const highlight = hover ?? pinned;
  const onHighlight = (key: string | null, isClick: boolean) => (isClick ? setPinned(pinned === key ? null : key) : setHover(key));
  const boxRef = useRef<HTMLDivElement>(null);
  const box = useElementSize(boxRef);
  const displayWidth = Math.max(1, Math.floor(Math.min(box.width, (box.height * item.width) / item.height)));

  const adoptable = answers.filter((a) => a.answer !== null);
  const adopt = (key: string | null) => {
    const a = answers.find((x) => x.responseId === key);
    if (a?.answer && !isBusy) onAdopt(a.responseId, answerName(a));
  };
  const step = (d: number) => {
    if (adoptable.length === 0) return;
    const i = adoptable.findIndex((a) => a.responseId === pinned);
    const next = i < 0 ? (d > 0 ? 0 : adoptable.length - 1) : (i + d + adoptable.length) % adoptable.length;
    setPinned(adoptable[next].responseId);
    setHover(null);
  };
  const table = useMemo(
    (): Shortcut[] => [...CROWD_KEYS, ...hostKeys].map((k) => ({ keys: k.keys, label: k.label, keyTest: k.keyTest, isHost: true, command: () => ({ type: 'host', id: k.id }) })),
    [hostKeys],
  );
  const run = (c: { type: string; id?: string }) => {
    if (c.type !== 'host') return;
    if (c.id === 'crowd-next') step(1);
    else if (c.id === 'crowd-prev') step(-1);
    else if (c.id === 'crowd-adopt') adopt(pinned);
    else if (c.id === 'crowd-clear') {
      setPinned(null);
      setHover(null);
    }
    else if (c.id) onHostKey(c.id);
  };
  useShortcuts(table, run, true);

  const regions = item.regions ?? [item.sourceRegion, item.targetRegion].filter((r) => r !== null);
  const regionLabels = item.regions ? undefined : [item.sourceRegion && 'source', item.targetRegion && 'target'].filter((x): x is string => !!x);
  return (
    <div className="crowd" data-testid="crowd-panel">
      <div ref={boxRef} className="crowd-image">
        {box.width > 0 && (
          <AnswersOverlay
            imageUrl={item.imageUrl}
            width={item.width}
            height={item.height}
            displayWidth={displayWidth}
            answers={entries}
            regions={regions}
            regionLabels={regionLabels}
            highlight={highlight}
            onHighlight={onHighlight}
          />
        )}
      </div>
      <div className="crowd-side">
        {pages.error && <p className="error">{errorText(pages.error)}</p>}
        {pages.data && (
          <p className="muted" style={{ margin: 0 }} data-testid="crowd-count">
            {total === 0 ? 'No human or model answers yet.' : `${total} answer${total === 1 ? '' : 's'}, scored against the current label.`} Hover or click one to highlight it.
          </p>
        )}
        <Legend
          entries={entries}
          highlight={highlight}
          onHighlight={onHighlight}
          actions={(e) =>
            e.key !== 'gt' &&
            e.answer && (
              <button
                className="adopt"
                disabled={isBusy}
                data-testid={`adopt-${e.key}`}
                onClick={(ev) => {
                  ev.stopPropagation();
                  adopt(e.key);
                }}
              >
                Adopt as label
              </button>
            )
          }
        />
        {pages.hasNextPage && (
          <button disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()} data-testid="crowd-more">
            {pages.isFetchingNextPage ? 'Loading…' : `Show more (${answers.length} of ${total})`}
          </button>
        )}
        <KeyLegend table={table} />
      </div>
    </div>
  );
}
