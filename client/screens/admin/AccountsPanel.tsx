import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../errors';
import { trpc } from '../../trpc';

/** Curator and admin accounts: create, change role, disable / enable, reset a password. */
export function AccountsPanel() {
  const queryClient = useQueryClient();
  const users = useQuery(trpc.admin.users.queryOptions());
  const done = { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.admin.users.queryKey() }) };
  const create = useMutation(trpc.admin.createUser.mutationOptions(done));
  const update = useMutation(trpc.admin.updateUser.mutationOptions(done));
  const reset = useMutation(trpc.admin.resetPassword.mutationOptions(done));
  const [form, setForm] = useState({ username: '', password: '', role: 'curator' as 'curator' | 'admin' });
  const [passwords, setPasswords] = useState<Record<number, string>>({});
  const error = create.error ?? update.error ?? reset.error ?? users.error;
  return (
    <div className="panel" data-testid="accounts-panel">
      <table className="data">
        <thead>
          <tr>
            <th style={{ textAlign: 'left' }}>Account</th>
            <th>Role</th>
            <th>State</th>
            <th>New password</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.map((u) => (
            <tr key={u.id} data-testid="account-row">
              <td style={{ textAlign: 'left' }}>{u.username}</td>
              <td>
                <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => update.mutate({ id: u.id, role: e.target.value as 'curator' | 'admin' })}>
                  <option value="curator">curator</option>
                  <option value="admin">admin</option>
                </select>
              </td>
              <td>
                <button onClick={() => update.mutate({ id: u.id, disabled: !u.disabled })}>{u.disabled ? 'Enable' : 'Disable'}</button>
                {u.disabled && <span className="verdict bad"> disabled</span>}
              </td>
              <td>
                <form
                  className="inline"
                  onSubmit={(e) => {
                    e.preventDefault();
                    reset.mutate({ id: u.id, password: passwords[u.id] ?? '' }, { onSuccess: () => setPasswords({ ...passwords, [u.id]: '' }) });
                  }}
                >
                  <input type="password" aria-label={`New password for ${u.username}`} value={passwords[u.id] ?? ''} onChange={(e) => setPasswords({ ...passwords, [u.id]: e.target.value })} />
                  <button type="submit">Reset</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline"
        style={{ marginTop: 10 }}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(form, { onSuccess: () => setForm({ username: '', password: '', role: 'curator' }) });
        }}
      >
        <div>
          <label htmlFor="new-username">New account</label>
          <input id="new-username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        </div>
        <div>
          <label htmlFor="new-password">Password (8+ characters)</label>
          <input id="new-password" type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </div>
        <div>
          <label htmlFor="new-role">Role</label>
          <select id="new-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as 'curator' | 'admin' })}>
            <option value="curator">curator</option>
            <option value="admin">admin</option>
          </select>
        </div>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create
        </button>
      </form>
      {reset.isSuccess && <p role="status">Password of {reset.data.username} reset; their sessions ended.</p>}
      {error && <p className="error">{errorText(error)}</p>}
    </div>
  );
}
