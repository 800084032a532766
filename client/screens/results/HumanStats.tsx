import { TASKS } from '../../../shared/tasks';
import { AGREEMENT_MEASURES } from '../../../shared/metrics/agreementMeasures';
import type { Stats } from './types';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** Per task: coverage, responses, contributors, share with two or more contributors, agreement. */
export function HumanStats({ stats }: { stats: Stats }) {
  return (
    <table className="data" data-testid="human-stats">
      <thead>
        <tr>
          <th>Task</th>
          <th>Questions</th>
          <th>Coverage</th>
          <th>Responses</th>
          <th>Contributors</th>
          <th>≥ 2 contributors</th>
          <th>Agreement</th>
          <th>Measure</th>
        </tr>
      </thead>
      <tbody>
        {TASKS.map((t) => {
          const s = stats.humanTasks[t];
          const m = AGREEMENT_MEASURES[t];
          const a = s.agreement.value;
          const agreement = a === null ? '–' : m.scale === 100 ? `${a.toFixed(1)}%` : a.toFixed(m.unit === 'px' ? 1 : 2) + (m.unit ? ` ${m.unit}` : '');
          return (
            <tr key={t} data-task={t}>
              <td>{t}</td>
              <td>{s.questions}</td>
              <td>{pct(s.coverage)} ({s.answered})</td>
              <td>{s.responses}</td>
              <td>{s.contributors}</td>
              <td>{pct(s.multiShare)} ({s.multiAnnotated})</td>
              <td data-testid={`agreement-${t}`}>{agreement}</td>
              <td className="muted" style={{ textAlign: 'left' }}>
                {s.agreement.measure} {m.higherIsBetter ? '↑' : '↓'} · {s.agreement.questions} questions
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
