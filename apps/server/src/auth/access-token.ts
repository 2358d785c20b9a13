import { Role } from '@gpu-sentinel/protocol';
import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_TTL_S = 15 * 60;
const ISSUER = 'gpu-sentinel';
const AUDIENCE = 'gpu-sentinel';
const ALG = 'HS256';

export interface AccessClaims {
  userId: number;
  username: string;
  role: Role;
  sessionId: string;
}

/** A signed HS256 JWT: sub = user id, `name`, `role`, `sid` = session id, 15 minutes from `nowMs`. */
export async function signAccessToken(key: Uint8Array, claims: AccessClaims, nowMs: number): Promise<string> {
  const nowS = Math.floor(nowMs / 1000);
  return new SignJWT({ name: claims.username, role: claims.role, sid: claims.sessionId })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(String(claims.userId))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + ACCESS_TOKEN_TTL_S)
    .sign(key);
}

/** The claims of a valid token (signature, alg, iss, aud, exp checked at `nowMs`), or null. */
export async function verifyAccessToken(key: Uint8Array, token: string, nowMs: number): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALG],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: new Date(nowMs),
      requiredClaims: ['exp', 'sub', 'sid'],
    });
    const userId = Number(payload.sub);
    const role = Role.safeParse(payload.role);
    const { name, sid } = payload;
    if (!Number.isSafeInteger(userId) || !role.success || typeof name !== 'string' || typeof sid !== 'string') {
      return null;
    }
    return { userId, username: name, role: role.data, sessionId: sid };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
