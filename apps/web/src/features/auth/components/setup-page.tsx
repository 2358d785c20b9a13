import { MIN_PASSWORD_LENGTH } from '@gpu-sentinel/protocol';
import { useState, type SyntheticEvent } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { navigate, paths } from '../../../lib/router';
import { useSetupAdmin } from '../api/setup-admin';
import { AuthCard } from './auth-card';

/** `/setup?token=…`: the one-time link the server prints on first start, to create the first admin. */
export function SetupPage() {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token') ?? '');
  const mutation = useSetupAdmin();
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const mismatch = confirmation !== '' && confirmation !== password;

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mismatch) return;
    mutation.mutate({ token, username: username.trim(), password }, { onSuccess: () => navigate(paths.overview) });
  };

  if (token === '') {
    return (
      <AuthCard title="First-time setup">
        <p className="auth-card__note">
          This page needs the one-time setup link that the server prints in its log on first start.
        </p>
        <button type="button" className="button" onClick={() => navigate(paths.overview)}>
          Go to sign in
        </button>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create the first admin">
      <p className="auth-card__note">This link works once. The account you create here can add everyone else.</p>
      <form className="auth-form" data-testid="setup-form" onSubmit={submit}>
        <label className="field">
          <span className="field__label">Username</span>
          <input
            className="field__input"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Password (at least {MIN_PASSWORD_LENGTH} characters)</span>
          <input
            className="field__input"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Repeat the password</span>
          <input
            className="field__input"
            name="confirmation"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch}
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
          />
        </label>
        {mismatch ? <p className="form-error">The passwords differ.</p> : null}
        {mutation.isError ? (
          <p className="form-error" role="alert">
            {errorMessage(mutation.error)}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={mutation.isPending || mismatch}>
          {mutation.isPending ? 'Creating…' : 'Create admin'}
        </button>
      </form>
    </AuthCard>
  );
}
