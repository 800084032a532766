import type { Task } from '../../../shared/answers';
import { TASK_INSTRUCTIONS, TaskExample } from './TaskExample';

/** The first-time instruction for a task: what to do, the conventions, and a picture. */
export function TaskIntro({ task, onContinue }: { task: Task; onContinue(): void }) {
  const info = TASK_INSTRUCTIONS[task];
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
      <TaskExample task={task} />
    </div>
  );
}
