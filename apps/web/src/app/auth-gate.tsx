import { useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { LoginPage } from '../features/auth/components/login-page';
import { SetupPage } from '../features/auth/components/setup-page';
import { refreshSession } from '../lib/auth/refresh-session';
import { useSession } from '../lib/auth/use-session';
import { useSilentRefresh } from '../lib/auth/use-silent-refresh';
import { matchRoute, navigate, paths, usePathname } from '../lib/router';
import { startStream } from '../lib/stream/stream-connection';

const RESTORE_RETRY_MS = 3_000;

/** Back from a reload: trade the stored refresh token for an access token, retrying while the server is away. */
function useRestoreSession(isRestoring: boolean): void {
  useEffect(() => {
    if (!isRestoring) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isCancelled = false;
    const attempt = () => {
      void refreshSession().then((result) => {
        if (result === 'unreachable' && !isCancelled) timer = setTimeout(attempt, RESTORE_RETRY_MS);
      });
    };
    attempt();
    return () => {
      isCancelled = true;
      clearTimeout(timer);
    };
  }, [isRestoring]);
}

/** The stream and the token refresh run only while signed in; they stop at sign-out. */
function SignedIn({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  useEffect(() => startStream(client), [client]);
  useSilentRefresh();
  return children;
}

/**
 * Signed out, every page is the login page (the address stays, so after signing in the page that was
 * asked for appears); `/setup` is the one exception. Signed in, the app itself.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const client = useQueryClient();
  const route = matchRoute(usePathname());
  const isAuthPage = route.name === 'login' || route.name === 'setup';
  useRestoreSession(status === 'restoring');

  useEffect(() => {
    // Nothing one user saw may linger for the next one.
    if (status === 'signed-out') client.clear();
    if (status === 'signed-in' && isAuthPage) navigate(paths.overview);
  }, [status, client, isAuthPage]);

  switch (status) {
    case 'restoring':
      return <div className="page-state">Signing you in…</div>;
    case 'signed-out':
      return route.name === 'setup' ? <SetupPage /> : <LoginPage />;
    case 'signed-in':
      return isAuthPage ? null : <SignedIn>{children}</SignedIn>;
  }
}
