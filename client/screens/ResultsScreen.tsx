import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoginGate } from '../components/LoginGate';
import { errorText } from '../errors';
import { trpc } from '../trpc';
import { ContributorsPanel } from './results/ContributorsPanel';
import { ExclusionsPanel } from './results/ExclusionsPanel';
import { ExportPanel } from './results/ExportPanel';
import { GroupsPanel } from './results/GroupsPanel';
import { Histograms } from './results/Histograms';
import { HumanStats } from './results/HumanStats';
import { QuestionSearch } from './question/QuestionSearch';
import { ResultsTable } from './results/ResultsTable';

/** "12 s ago" / "3 min ago" for the statistics' age. */
function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 90 ? `${s} s ago` : s < 5400 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}

function Results() {
  const table = useQuery({ ...trpc.results.table.queryOptions(), refetchInterval: 15_000 });
  // Polls while the intervals are being recomputed, slowly once they are fresh.
  const statistics = useQuery({
    ...trpc.results.statistics.queryOptions(),
    refetchInterval: (q) => (q.state.data && !q.state.data.isStale ? 15_000 : 1_500),
  });
  const rows = table.data?.rows ?? [];
  const stats = statistics.data?.stats ?? null;
  const st = statistics.data;
  return (
    <div>
      <h1>Benchmark results</h1>
      <p className="muted">
        Every response is scored with the same metric code as the command line. Several contributors on one question are averaged first; a
        distance column with an unreadable answer is <code>inf</code>, as in the paper, with the mean over valid answers beside it. The best model
        per column is bold, the second underlined; Human is the reference and is not ranked. Under each figure: its 95% bootstrap interval over
        questions and the number of questions it rests on.
      </p>
      {table.error && <p className="error">{errorText(table.error)}</p>}
      {table.isSuccess && rows.length === 0 && <p className="panel">No scored answers yet.</p>}
      {table.data && table.data.rejected > 0 && (
        <p className="muted" data-testid="results-rejected">
          {table.data.rejected} question(s) rejected by curators are left out of this table.
        </p>
      )}
      {rows.length > 0 && table.data && (
        <>
          <p className="muted" data-testid="statistics-age">
            {!st || !st.stats
              ? 'Intervals: computing…'
              : `Intervals: ${st.stats.bootstrap.resamples} resamples, seed ${st.stats.bootstrap.seed}, computed ${age(st.now - (st.computedAt ?? st.now))}` +
                (st.isStale ? ' — the data changed since; recomputing.' : '.')}
          </p>
          <ResultsTable rows={rows} groups={table.data.groups.bySource} stats={stats} />
          <ul className="notes" data-testid="results-notes">
            {table.data.notes.map((n) => <li key={n}>{n}</li>)}
            {stats && <li>Agreement: mean pairwise score between contributors on questions with two or more (Krippendorff&apos;s alpha for yes/no).</li>}
          </ul>
          <h2>Human baseline</h2>
          {stats ? <HumanStats stats={stats} /> : <p className="loading">Computing coverage and agreement…</p>}
          {stats && <Histograms stats={stats} sources={rows.map((r) => r.source)} />}
          <h2>Look at the answers</h2>
          <p className="muted">Open a question to see the ground truth and every answer drawn over its image, or put several side by side in the <Link to="/gallery">gallery</Link>.</p>
          <QuestionSearch />
          <ExportPanel />
          <GroupsPanel table={table.data} />
          <ContributorsPanel />
          <ExclusionsPanel exclusions={table.data.exclusions} />
        </>
      )}
    </div>
  );
}

export default function ResultsScreen() {
  return (
    <LoginGate roles={['curator', 'admin']}>
      <Results />
    </LoginGate>
  );
}
