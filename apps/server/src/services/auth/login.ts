import { randomUUID } from 'node:crypto';
import type { LoginBody, LoginResponse } from '@gpu-sentinel/protocol';
import { dummyPasswordHash, verifyPassword } from '../../auth/password-hash.js';
import { UnauthenticatedError } from '../../errors/app-error.js';
import type { IdentityDeps } from './identity-deps.js';
import { issueTokens } from './issue-tokens.js';
import { recordAudit } from './record-audit.js';

/** The one answer to every failed login, so it does not tell which usernames exist or are disabled. */
export const LOGIN_FAILED_MESSAGE = 'invalid username or password';

/**
 * `POST /auth/login`: a new session. Unknown user, wrong password and disabled user fail alike, in
 * about the same time (an unknown user is checked against a dummy hash). Lockout is the rate limiter's.
 */
export async function login(
  deps: IdentityDeps,
  body: LoginBody,
  request: { ip: string | null },
): Promise<LoginResponse> {
  const user = await deps.store.findUserByUsername(body.username);
  const isPasswordRight = await verifyPassword(body.password, user?.passwordHash ?? (await dummyPasswordHash()));
  const context = { actor: null, ip: request.ip };
  if (user === undefined || !isPasswordRight || user.isDisabled) {
    const reason = user === undefined ? 'unknown_user' : isPasswordRight ? 'disabled' : 'wrong_password';
    await recordAudit(deps, { type: 'login.failed', context, target: body.username, details: { reason } });
    throw new UnauthenticatedError(LOGIN_FAILED_MESSAGE);
  }
  await deps.store.recordLogin(user.id, deps.clock.now());
  const session = { familyId: randomUUID(), sessionId: randomUUID() };
  const response = await issueTokens(deps, user, session);
  await recordAudit(deps, {
    type: 'login.succeeded',
    context: { actor: user.username, ip: request.ip },
    target: user.username,
    details: { sessionId: session.sessionId },
  });
  return response;
}
