import { useEffect } from 'react';
import { refreshSession } from './refresh-session';
import { getAccessExpiresAt } from './session-store';
import { useSession } from './use-session';

const AHEAD_MS = 60_000;
const RETRY_MS = 10_000;

/** Refreshes the tokens a minute (or a quarter of their life) before the access token expires. */
export function useSilentRefresh(): void {
  const session = useSession();
  useEffect(() => {
    if (session.status !== 'signed-in') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (delayMs: number) => {
      timer = setTimeout(() => {
        // A new session state follows a successful refresh and re-runs this effect.
        void refreshSession().then((result) => {
          if (result === 'unreachable') schedule(RETRY_MS);
        });
      }, delayMs);
    };
    const lifetimeMs = getAccessExpiresAt() - Date.now();
    schedule(Math.max(1_000, lifetimeMs - Math.min(AHEAD_MS, lifetimeMs / 4)));
    return () => clearTimeout(timer);
  }, [session]);
}
