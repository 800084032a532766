import { Link } from 'react-router';

export function NotFoundScreen() {
  return (
    <div className="panel">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the start page</Link>
      </p>
    </div>
  );
}
