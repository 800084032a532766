/**
 * Authoring a new question on an uploaded image (outside BOP): pick the image, the task, write the
 * question, draw the answer with the task's own tool, save. The image is shown from the local file
 * until the server has it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { TASKS, type Answer, type Task } from '../../../shared/tasks';
import { AnnotationCanvas } from '../../canvas/AnnotationCanvas';
import { TOOLS } from '../../tools/registry';

export function AuthorView({ onDone }: { onDone(id: string | null): void }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [image, setImage] = useState<{ url: string; width: number; height: number } | null>(null);
  const [task, setTask] = useState<Task>('trajectory');
  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => setImage({ url, width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => setError(`${file.name} is not an image this browser can read`);
    img.src = url;
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const save = async () => {
    if (!file || !answer) return;
    setSaving(true);
    setError(null);
    const form = new FormData();
    form.append('image', file, file.name);
    form.append('question', JSON.stringify({ task, question, answer }));
    try {
      const res = await fetch('/files/author', { method: 'POST', body: form });
      const body = (await res.json()) as { id?: string; error?: string };
      if (!res.ok || !body.id) throw new Error(body.error ?? `the server answered ${res.status}`);
      await queryClient.invalidateQueries();
      onDone(body.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="review" data-testid="author-view">
      <div className="question-layout">
        <div className="question-canvas">
          {image ? (
            <AnnotationCanvas
              key={`${image.url}:${task}`}
              imageUrl={image.url}
              imageWidth={image.width}
              imageHeight={image.height}
              task={task}
              tool={TOOLS[task]}
              mode="draw"
              onAnswerChange={setAnswer}
            />
          ) : (
            <p className="muted">Choose an image to draw on.</p>
          )}
        </div>
        <aside className="question-side">
          <div className="actions">
            <button onClick={() => onDone(null)}>← Queue</button>
          </div>
          <h2 style={{ margin: 0 }}>New question</h2>
          <label htmlFor="author-image">Image (PNG, JPEG, WebP)</label>
          <input id="author-image" type="file" accept=".png,.jpg,.jpeg,.webp" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <label htmlFor="author-task">Task</label>
          <select id="author-task" value={task} onChange={(e) => setTask(e.target.value as Task)}>
            {TASKS.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <label htmlFor="author-question">Question (as models get it, with its answer-format instructions)</label>
          <textarea id="author-question" rows={6} value={question} onChange={(e) => setQuestion(e.target.value)} />
          <button className="primary" disabled={!file || !answer || question.trim().length < 10 || isSaving} onClick={() => void save()} data-testid="author-save">
            {isSaving ? 'Saving…' : 'Save question'}
          </button>
          {!answer && image && <p className="muted">Draw the answer on the image.</p>}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <p className="muted">It joins the benchmark with an id starting lab- and meta.source "authored", unreviewed.</p>
        </aside>
      </div>
    </div>
  );
}
