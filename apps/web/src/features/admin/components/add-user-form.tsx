import { MIN_PASSWORD_LENGTH, Role } from '@gpu-sentinel/protocol';
import { useState, type SyntheticEvent } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { useCreateUser } from '../api/create-user';

const ROLE_HELP: Record<Role, string> = {
  admin: 'everything',
  user: 'view, acknowledge alerts',
  reader: 'view only',
};

/** Adds a user with a role and a first password (they can be given a new one later). */
export function AddUserForm() {
  const mutation = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('reader');

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate(
      { username: username.trim(), password, role },
      {
        onSuccess: () => {
          setUsername('');
          setPassword('');
        },
      },
    );
  };

  return (
    <form className="inline-form" data-testid="add-user-form" onSubmit={submit}>
      <label className="field">
        <span className="field__label">Username</span>
        <input
          className="field__input"
          name="new-username"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">Password (≥ {MIN_PASSWORD_LENGTH})</span>
        <input
          className="field__input"
          name="new-password"
          type="password"
          autoComplete="new-password"
          minLength={MIN_PASSWORD_LENGTH}
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">Role</span>
        <select
          className="field__input"
          name="new-role"
          value={role}
          onChange={(event) => setRole(Role.parse(event.target.value))}
        >
          {Role.options.map((each) => (
            <option key={each} value={each}>
              {each} — {ROLE_HELP[each]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--primary" disabled={mutation.isPending}>
        Add user
      </button>
      {mutation.isError ? (
        <p className="form-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      ) : null}
    </form>
  );
}
