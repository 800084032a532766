/**
 * Per task, the histogram of per-question scores, humans against each model (recharts), where a
 * researcher would rather look than read: a bimodal human distribution or a model piling up at zero
 * shows at a glance.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TASKS } from '../../../shared/tasks';
import { HUMAN_SOURCE } from '../../../shared/metrics/aggregate';
import { answerStyle } from '../../components/AnswersOverlay';
import type { Stats } from './types';

export function Histograms({ stats, sources }: { stats: Stats; sources: string[] }) {
  const ordered = [HUMAN_SOURCE, ...sources.filter((s) => s !== HUMAN_SOURCE)];
  return (
    <section>
      <h2>Distributions of per-question scores</h2>
      <div className="histograms" data-testid="histograms">
        {TASKS.map((task) => {
          const h = stats.histograms[task];
          const present = ordered.filter((s) => h.counts[s]);
          if (present.length === 0) return null;
          const last = h.edges.length - 2;
          const data = h.edges.slice(0, -1).map((lo, i) => ({
            bin: i === last && task !== 'pose' && task !== 'spatial' && task !== 'depth' && task !== 'rearrangement' ? `≥${lo.toFixed(0)}` : `${lo.toFixed(lo < 10 && lo % 1 ? 1 : 0)}`,
            ...Object.fromEntries(present.map((s) => [s, h.counts[s][i]])),
          }));
          return (
            <figure key={task} data-task={task} className="panel">
              <figcaption>
                <b>{h.label}</b> <span className="muted">questions per bin</span>
              </figcaption>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="bin" fontSize={11} />
                  <YAxis allowDecimals={false} fontSize={11} width={36} />
                  <Tooltip />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  {present.map((s) => (
                    <Bar key={s} dataKey={s} fill={s === HUMAN_SOURCE ? '#000000' : answerStyle(ordered.indexOf(s) - 1).color} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </figure>
          );
        })}
      </div>
    </section>
  );
}
