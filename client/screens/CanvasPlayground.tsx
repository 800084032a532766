/**
 * Dev playground for the annotation canvas (route /dev/canvas): one task on a synthetic tabletop.
 * Query: `task` (pose|grasp|trajectory|rearrangement|spatial|depth), `size` (hd|4k, default hd),
 * `camera` (full|k|none, default full: K + world_to_camera), `mode` (draw|verify), `fresh=1` to drop the
 * saved draft. Shows the emitted answer in `[data-testid=emitted-answer]` for the e2e tests.
 */
import Konva from 'konva';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { TASKS, type Answer, type Task } from '../../shared/tasks';
import { AnnotationCanvas } from '../canvas/AnnotationCanvas';
import { TOOLS } from '../tools/registry';
import { sampleCamera, sampleImageUrl, sampleOverlay } from '../dev/sampleScene';

// The developer page exposes Konva so tests can assert on the node tree (konva's Testing guide);
// this page is loaded on demand and never by contributors.
(window as unknown as { Konva: typeof Konva }).Konva = Konva;

function readParams() {
  const q = new URLSearchParams(window.location.search);
  const task = (TASKS as readonly string[]).includes(q.get('task') ?? '') ? (q.get('task') as Task) : 'pose';
  const is4k = q.get('size') === '4k';
  return {
    task,
    width: is4k ? 3840 : 1920,
    height: is4k ? 2160 : 1080,
    cameraMode: q.get('camera') ?? 'full',
    mode: q.get('mode') === 'verify' ? ('verify' as const) : ('draw' as const),
    isFresh: q.get('fresh') === '1',
  };
}

export default function CanvasPlayground() {
  const params = useMemo(readParams, []);
  const { task, width, height } = params;
  const storageKey = `canvas-playground:${task}:${width}:${params.cameraMode}`;
  const [url, setUrl] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [mode, setMode] = useState(params.mode);
  const [verdict, setVerdict] = useState<string | null>(null);
  const overlay = useMemo(() => (params.mode === 'verify' ? sampleOverlay(task, width, height) : null), [params.mode, task, width, height]);
  const [initialAnswer, setInitialAnswer] = useState<Answer | null>(null);
  const camera = useMemo(() => {
    if (task !== 'pose' || params.cameraMode === 'none') return undefined;
    const cam = sampleCamera(width, height);
    return params.cameraMode === 'k' ? { K: cam.K } : cam;
  }, [task, params.cameraMode, width, height]);
  const initialDraft = useMemo(() => {
    if (params.isFresh) localStorage.removeItem(storageKey);
    return localStorage.getItem(storageKey);
  }, [params.isFresh, storageKey]);

  // Fill the window below wherever the host puts us (the app has a top bar, the dev harness none).
  const rootRef = useRef<HTMLDivElement>(null);
  const [rootHeight, setRootHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const fit = () => setRootHeight(Math.max(420, window.innerHeight - (rootRef.current?.getBoundingClientRect().top ?? 0) - window.scrollY));
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  useEffect(() => {
    let isLive = true;
    let made: string | null = null;
    void sampleImageUrl(width, height).then((u) => {
      made = u;
      if (isLive) setUrl(u);
      else URL.revokeObjectURL(u);
    });
    return () => {
      isLive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [width, height]);

  return (
    <div ref={rootRef} style={{ display: 'flex', flexDirection: 'column', height: rootHeight ?? '100vh', padding: 8, boxSizing: 'border-box', gap: 6, font: '13px system-ui, sans-serif' }}>
      <header style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <strong>Canvas playground · {task}</strong>
        <span>{width}×{height}</span>
        {overlay && mode === 'verify' && (
          <>
            <button type="button" data-testid="verify-accept" onClick={() => setVerdict('correct')}>It is correct</button>
            <button type="button" data-testid="verify-correct" onClick={() => { setInitialAnswer(overlay); setMode('draw'); }}>
              It is wrong — correct it
            </button>
          </>
        )}
        {verdict && <span data-testid="verify-verdict">{verdict}</span>}
        <code data-testid="emitted-answer" style={{ maxWidth: '60vw', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {JSON.stringify(answer)}
        </code>
      </header>
      <div style={{ flex: 1, minHeight: 0 }}>
        {url && (
          <AnnotationCanvas
            imageUrl={url}
            imageWidth={width}
            imageHeight={height}
            task={task}
            tool={TOOLS[task]}
            camera={camera}
            mode={mode}
            overlayAnswer={overlay}
            initialAnswer={initialAnswer}
            initialDraft={initialDraft}
            onAnswerChange={setAnswer}
            onDraftChange={(d) => localStorage.setItem(storageKey, d)}
          />
        )}
      </div>
    </div>
  );
}
