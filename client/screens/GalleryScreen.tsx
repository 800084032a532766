/**
 * Gallery mode: a chosen set of questions side by side, each with the ground truth and every answer
 * drawn (as on the question page), captioned with the legend, and downloadable as one PNG for a paper
 * figure. The PNG is composed from each drawing's own canvas at twice the screen resolution.
 */
import type Konva from 'konva';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AnswersOverlay } from '../components/AnswersOverlay';
import { LoginGate } from '../components/LoginGate';
import { errorText } from '../errors';
import { useQuestionOverlay } from './question/useQuestionOverlay';

const TILE_WIDTH = 420;
const GAP = 12;
const PIXEL_RATIO = 2;

function Tile({ id, register }: { id: string; register: (id: string, stage: Konva.Stage | null) => void }) {
  const { query, legend } = useQuestionOverlay(id);
  if (query.error) return <p className="error">{id}: {errorText(query.error)}</p>;
  if (!query.data) return <p className="loading">{id}…</p>;
  const q = query.data.question;
  return (
    <figure data-testid="gallery-tile">
      <AnswersOverlay ref={(s) => register(id, s)} imageUrl={q.imageUrl} width={q.width} height={q.height} displayWidth={TILE_WIDTH} answers={legend} regions={query.data.regions} highlight={null} />
      <figcaption>
        <b>{q.id}</b> ({q.task}): {legend.map((e) => `${e.label} ${e.detail}`).join('; ')}
      </figcaption>
    </figure>
  );
}

/** One PNG with the tiles in a row-major grid of `columns`. */
async function downloadPng(stages: Konva.Stage[], columns: number): Promise<void> {
  const canvases = stages.map((s) => s.toCanvas({ pixelRatio: PIXEL_RATIO }));
  const rows = Math.ceil(canvases.length / columns);
  const cellW = Math.max(...canvases.map((c) => c.width));
  const rowH = Array.from({ length: rows }, (_, r) => Math.max(...canvases.slice(r * columns, (r + 1) * columns).map((c) => c.height)));
  const out = document.createElement('canvas');
  const gap = GAP * PIXEL_RATIO;
  out.width = Math.min(canvases.length, columns) * (cellW + gap) - gap;
  out.height = rowH.reduce((s, h) => s + h + gap, -gap);
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  let y = 0;
  rowH.forEach((h, r) => {
    canvases.slice(r * columns, (r + 1) * columns).forEach((c, k) => ctx.drawImage(c, k * (cellW + gap), y));
    y += h + gap;
  });
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) return;
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: 'bopask-gallery.png' });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function Gallery() {
  const [params, setParams] = useSearchParams();
  const ids = (params.get('ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const [draft, setDraft] = useState(ids.join('\n'));
  const stages = useRef(new Map<string, Konva.Stage>());
  const register = (id: string, s: Konva.Stage | null) => (s ? stages.current.set(id, s) : stages.current.delete(id));
  return (
    <div>
      <h1>Gallery</h1>
      <form className="inline" onSubmit={(e) => { e.preventDefault(); setParams({ ids: draft.split(/[\s,]+/).filter(Boolean).join(',') }); }}>
        <textarea aria-label="Question ids" rows={3} cols={50} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="question ids, one a line" />
        <button type="submit">Show</button>
        <button type="button" className="primary" disabled={ids.length === 0} onClick={() => void downloadPng(ids.map((id) => stages.current.get(id)).filter((s): s is Konva.Stage => !!s), 3)}>
          Download PNG
        </button>
      </form>
      <div className="gallery">
        {ids.map((id) => <Tile key={id} id={id} register={register} />)}
      </div>
    </div>
  );
}

export default function GalleryScreen() {
  return (
    <LoginGate roles={['curator', 'admin']}>
      <Gallery />
    </LoginGate>
  );
}
