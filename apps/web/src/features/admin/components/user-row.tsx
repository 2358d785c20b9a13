import { MIN_PASSWORD_LENGTH, Role, type User } from '@gpu-sentinel/protocol';
import { useState, type SyntheticEvent } from 'react';
import { Badge } from '../../../components/badge';
import { errorMessage } from '../../../lib/api-client';
import { useSession } from '../../../lib/auth/use-session';
import { formatDateTime } from '../../../lib/format';
import { useUpdateUser } from '../api/update-user';

/** One user: change the role, disable or enable, give a new password. */
export function UserRow({ user }: { user: User }) {
  const isSelf = useSession().user?.username === user.username;
  const mutation = useUpdateUser();
  const [isResetting, setIsResetting] = useState(false);
  const [password, setPassword] = useState('');
  const update = (changes: Parameters<typeof mutation.mutate>[0]['changes'], onSuccess?: () => void) =>
    mutation.mutate({ id: user.id, changes }, onSuccess ? { onSuccess } : {});

  const resetPassword = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    update({ password }, () => {
      setPassword('');
      setIsResetting(false);
    });
  };

  return (
    <tr data-testid="user-row" data-username={user.username} className={user.isDisabled ? 'row--muted' : undefined}>
      <td className="cell-name">
        {user.username}
        {isSelf ? <span className="cell-note"> (you)</span> : null}
        {mutation.isError ? (
          <span className="form-error cell-error" role="alert">
            {errorMessage(mutation.error)}
          </span>
        ) : null}
      </td>
      <td>
        <select
          className="control__select"
          aria-label={`Role of ${user.username}`}
          data-testid="user-role"
          value={user.role}
          disabled={mutation.isPending || isSelf}
          onChange={(event) => update({ role: Role.parse(event.target.value) })}
        >
          {Role.options.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td>{user.isDisabled ? <Badge tone="warn">disabled</Badge> : <Badge tone="ok">active</Badge>}</td>
      <td className="cell-date">{formatDateTime(user.createdAt)}</td>
      <td className="cell-date">{formatDateTime(user.lastLoginAt)}</td>
      <td className="cell-actions">
        {isResetting ? (
          <form className="row-form" onSubmit={resetPassword}>
            <input
              className="field__input"
              type="password"
              autoComplete="new-password"
              aria-label={`New password for ${user.username}`}
              placeholder={`New password (≥ ${MIN_PASSWORD_LENGTH})`}
              minLength={MIN_PASSWORD_LENGTH}
              required
              autoFocus
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <button type="submit" className="button button--primary" disabled={mutation.isPending}>
              Set
            </button>
            <button type="button" className="button" onClick={() => setIsResetting(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            <button type="button" className="button" onClick={() => setIsResetting(true)}>
              Reset password
            </button>
            {isSelf ? null : (
              <button
                type="button"
                className="button"
                data-testid="user-toggle-disabled"
                disabled={mutation.isPending}
                onClick={() => update({ isDisabled: !user.isDisabled })}
              >
                {user.isDisabled ? 'Enable' : 'Disable'}
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
