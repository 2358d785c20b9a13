import { ApiError, errorMessage } from '../../../lib/api-client';

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** What a failed sign-in tells the user: wrong credentials, a wait after too many tries, or why else. */
export function loginErrorText(error: unknown, secondsLeft: number): string {
  if (error instanceof ApiError && error.code === 'rate_limited') {
    return secondsLeft > 0
      ? `Too many attempts. Try again in ${formatWait(secondsLeft)}.`
      : 'Too many attempts. You can try again now.';
  }
  if (error instanceof ApiError && error.code === 'unauthenticated') return 'Wrong username or password.';
  if (error instanceof ApiError && error.code === 'network') return 'The server cannot be reached. Try again.';
  return errorMessage(error);
}
