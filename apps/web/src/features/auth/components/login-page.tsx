import { useState, type SyntheticEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useSession } from '../../../lib/auth/use-session';
import { useNow } from '../../../lib/use-now';
import { useLogin } from '../api/login';
import { AuthCard } from './auth-card';
import { loginErrorText } from './login-error';

/** Shown in place of any page while signed out; after signing in, the page asked for appears. */
export function LoginPage() {
  const { endedReason } = useSession();
  const mutation = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [retryAt, setRetryAt] = useState(0);
  const now = useNow();
  const secondsLeft = Math.max(0, Math.ceil((retryAt - now) / 1000));

  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    mutation.mutate(
      { username: username.trim(), password },
      {
        onError: (error) => {
          setPassword('');
          if (error instanceof ApiError && error.retryAfterS !== null)
            setRetryAt(Date.now() + error.retryAfterS * 1000);
        },
      },
    );
  };

  const error = mutation.isError ? loginErrorText(mutation.error, secondsLeft) : null;
  return (
    <AuthCard title="Sign in">
      {endedReason && !error ? <p className="auth-card__note">{endedReason}</p> : null}
      <form className="auth-form" data-testid="login-form" onSubmit={submit}>
        <label className="field">
          <span className="field__label">Username</span>
          <input
            className="field__input"
            data-testid="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input
            className="field__input"
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error ? (
          <p className="form-error" data-testid="login-error" role="alert">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          className="button button--primary"
          data-testid="login-submit"
          disabled={mutation.isPending || secondsLeft > 0}
        >
          {mutation.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
