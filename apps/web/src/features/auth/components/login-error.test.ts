import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/http';
import { formatWait, loginErrorText } from './login-error';

describe('login errors', () => {
  it('says the credentials are wrong on a 401, without echoing the server', () => {
    const error = new ApiError('unauthenticated', 'invalid credentials', 401);
    expect(loginErrorText(error, 0)).toBe('Wrong username or password.');
  });

  it('tells how long to wait after too many attempts, and when the wait is over', () => {
    const error = new ApiError('rate_limited', 'slow down', 429, null, 90);
    expect(loginErrorText(error, 90)).toBe('Too many attempts. Try again in 1 min 30 s.');
    expect(loginErrorText(error, 5)).toBe('Too many attempts. Try again in 5 s.');
    expect(loginErrorText(error, 0)).toBe('Too many attempts. You can try again now.');
  });

  it('formats waits in seconds and minutes', () => {
    expect(formatWait(59)).toBe('59 s');
    expect(formatWait(120)).toBe('2 min');
  });
});
