import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { errorText } from '../errors';
import { trpc } from '../trpc';

type Role = 'curator' | 'admin';

/** Shows its children to a signed-in user with one of `roles`; otherwise a sign-in form. */
export function LoginGate({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }),
  );
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));

  if (me.isPending) return <p className="loading">Loading…</p>;
  if (me.data && roles.includes(me.data.role)) {
    return (
      <>
        <p className="muted" style={{ textAlign: 'right', margin: 0 }}>
          Signed in as <b>{me.data.username}</b> ({me.data.role}){' '}
          <button onClick={() => logout.mutate()}>Sign out</button>
        </p>
        {children}
      </>
    );
  }
  return (
    <div className="panel" style={{ maxWidth: 380 }}>
      <h1>Sign in</h1>
      {me.data && <p className="error">This page needs the {roles.join(' or ')} role.</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate({ username, password });
        }}
      >
        <label htmlFor="login-username">Username</label>
        <input id="login-username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
        />
        <p>
          <button className="primary" type="submit" disabled={login.isPending}>
            Sign in
          </button>
        </p>
        {login.error && <p className="error" role="alert">{errorText(login.error)}</p>}
        <p className="muted">Accounts are created with <code>npx bopask create-user</code>.</p>
      </form>
    </div>
  );
}
