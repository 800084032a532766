import { TASK_SPECS, type Task } from '../../../shared/tasks';
import { TOOLS } from '../../tools/registry';

/** The first-time instruction for a task: what to do, the conventions, and a picture. */
export function TaskIntro({ task, onContinue }: { task: Task; onContinue(): void }) {
  const info = TASK_SPECS[task].text;
  const { Example } = TOOLS[task];
  return (
    <div className="panel intro" data-testid="task-intro" style={{ display: 'flex', gap: 24, alignItems: 'center', flexWrap: 'wrap' }}>
      <div style={{ flex: '1 1 320px' }}>
        <h2 style={{ marginTop: 0 }}>{info.title}</h2>
        <ol>
          {info.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
        <p className="muted">Next comes one practice question: you will see its correct answer and your score.</p>
        <button className="primary" onClick={onContinue} autoFocus>
          Start practice
        </button>
      </div>
      <figure style={{ margin: 0, maxWidth: 280 }}>
        <Example />
        <figcaption className="muted" style={{ fontSize: 13 }}>{info.exampleCaption}</figcaption>
      </figure>
    </div>
  );
}
