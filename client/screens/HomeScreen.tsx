import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorText } from '../errors';
import { trpc } from '../trpc';

const ROLES: { to: string; title: string; text: string; roles?: readonly string[] }[] = [
  { to: '/annotate', title: 'Annotate', text: 'Answer benchmark questions on the image: draw boxes, grasps, paths and markers, or verify answers.' },
  { to: '/curate', title: 'Curate', text: 'Check and correct the generated labels of the core set (curators).', roles: ['curator', 'admin'] },
  { to: '/results', title: 'Results', text: 'The human baseline and the models, scored with the same metric code.', roles: ['curator', 'admin'] },
  { to: '/admin', title: 'Admin', text: 'Datasets, predictions, accounts and assignment settings.', roles: ['admin'] },
];

export function HomeScreen() {
  const stats = useQuery(trpc.items.stats.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions());
  // Staff pages are listed after a staff sign-in only; contributors see the one page that is theirs.
  const role = me.data?.role;
  const shown = ROLES.filter((r) => !r.roles || (role && r.roles.includes(role)));
  return (
    <div>
      <h1>BOP-Ask Studio</h1>
      <p className="muted">
        Object-interaction reasoning questions from BOP 6D-pose scenes: pose, grasp, trajectory, rearrangement,
        spatial and depth.
      </p>
      {stats.error && <p className="error">{errorText(stats.error)}</p>}
      {stats.data && (
        <div className="stats" data-testid="question-stats">
          <div className="stat">
            <b data-testid="question-total">{stats.data.total}</b>questions
          </div>
          {stats.data.byTask
            .filter((r) => r.pool === 'benchmark')
            .map((r) => (
              <div className="stat" key={r.task}>
                <b>{r.count}</b>
                {r.task}
              </div>
            ))}
        </div>
      )}
      <div className="grid">
        {shown.map((r) => (
          <div className="panel card" key={r.to}>
            <h3>{r.title}</h3>
            <p>{r.text}</p>
            <Link className="button primary" to={r.to}>
              Open {r.title.toLowerCase()}
            </Link>
          </div>
        ))}
      </div>
      {!role && (
        <p className="muted">
          Curators and admins: <Link to="/curate">sign in</Link>.
        </p>
      )}
    </div>
  );
}
