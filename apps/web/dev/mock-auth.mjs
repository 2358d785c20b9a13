// The auth half of the dev mock: the same routes and shapes as the real server (login, refresh with
// rotation, logout, me, users, API keys, audit, stream tickets), kept in memory. Users: admin, user
// and reader, each with the password "password1234".
import { randomBytes } from 'crypto';

const ACCESS_TTL_S = 900;
const now = () => Date.now();
const token = (prefix = '') => prefix + randomBytes(24).toString('base64url');

const users = ['admin', 'user', 'reader'].map((role, index) => ({
  id: index + 1,
  username: role,
  role,
  isDisabled: false,
  createdAt: now() - (3 - index) * 86_400_000,
  lastLoginAt: null,
  password: 'password1234',
}));
const apiKeys = [];
const audit = [];
const sessions = new Map(); // access token → { user, sessionId }
const refreshTokens = new Map(); // refresh token → { user, sessionId, isSpent }
const tickets = new Map(); // ticket → expiresAt

const publicUser = (user) => {
  const copy = { ...user };
  delete copy.password;
  return copy;
};
const record = (type, actor, target, req) =>
  audit.unshift({
    id: audit.length + 1,
    ts: now(),
    type,
    actor,
    target,
    ip: req.socket.remoteAddress ?? null,
    details: {},
  });

function issue(user, sessionId = token()) {
  const accessToken = token('at_');
  const refreshToken = token('rt_');
  sessions.set(accessToken, { user, sessionId });
  refreshTokens.set(refreshToken, { user, sessionId, isSpent: false });
  return { accessToken, refreshToken, expiresIn: ACCESS_TTL_S, user: { username: user.username, role: user.role } };
}

function endSession(sessionId) {
  for (const [key, value] of sessions) if (value.sessionId === sessionId) sessions.delete(key);
  for (const [key, value] of refreshTokens) if (value.sessionId === sessionId) refreshTokens.delete(key);
}

const principal = (req) => {
  const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  return match ? (sessions.get(match[1]) ?? null) : null;
};

/** Answers the auth routes and guards the rest; returns true when it has answered. */
export async function handleAuth(req, res, path, { send, fail, readBody }) {
  const method = req.method;
  if (path === '/api/v1/auth/login' && method === 'POST') {
    const body = await readBody(req);
    const user = users.find((u) => u.username === body?.username);
    if (body?.password === 'slow-down') {
      res.setHeader('retry-after', '42');
      return (fail(res, 429, 'rate_limited', 'Too many attempts'), true);
    }
    if (!user || user.isDisabled || user.password !== body?.password) {
      record('login.failed', null, body?.username ?? null, req);
      return (fail(res, 401, 'unauthenticated', 'Invalid username or password'), true);
    }
    user.lastLoginAt = now();
    record('login.succeeded', user.username, user.username, req);
    return (send(res, 200, issue(user)), true);
  }
  if (path === '/api/v1/auth/refresh' && method === 'POST') {
    const body = await readBody(req);
    const entry = refreshTokens.get(body?.refreshToken);
    if (!entry || entry.isSpent) {
      if (entry) endSession(entry.sessionId);
      return (fail(res, 401, 'unauthenticated', 'Refresh token refused'), true);
    }
    entry.isSpent = true;
    return (send(res, 200, issue(entry.user, entry.sessionId)), true);
  }
  if (!path.startsWith('/api/v1/')) return false;
  const who = principal(req);
  if (path === '/api/v1/stream' && tickets.has(new URL(req.url, 'http://x').searchParams.get('ticket'))) return false;
  if (!who) return (fail(res, 401, 'unauthenticated', 'Sign in first'), true);
  if (path === '/api/v1/auth/logout' && method === 'POST') {
    endSession(who.sessionId);
    record('logout', who.user.username, who.user.username, req);
    return (send(res, 200, {}), true);
  }
  if (path === '/api/v1/auth/me')
    return (
      send(res, 200, {
        kind: 'user',
        userId: who.user.id,
        username: who.user.username,
        role: who.user.role,
        sessionId: who.sessionId,
      }),
      true
    );
  if (path === '/api/v1/stream/ticket' && method === 'POST') {
    const ticket = token('tk_');
    tickets.set(ticket, now() + 30_000);
    return (send(res, 200, { ticket, expiresIn: 30 }), true);
  }
  const isAdminRoute =
    /^\/api\/v1\/(users|apikeys|audit)/.test(path) || (method === 'PUT' && path.startsWith('/api/v1/system/'));
  if (isAdminRoute && who.user.role !== 'admin') return (fail(res, 403, 'forbidden', 'Admins only'), true);
  return handleAdmin(req, res, path, who, { send, fail, readBody });
}

async function handleAdmin(req, res, path, who, { send, fail, readBody }) {
  const method = req.method;
  const id = Number(/\/(\d+)$/.exec(path)?.[1]);
  const actor = who.user.username;
  if (path === '/api/v1/users' && method === 'GET') return (send(res, 200, { items: users.map(publicUser) }), true);
  if (path === '/api/v1/users' && method === 'POST') {
    const body = await readBody(req);
    if (users.some((u) => u.username === body?.username))
      return (fail(res, 409, 'conflict', 'That username is taken', 'username'), true);
    if ((body?.password ?? '').length < 12)
      return (fail(res, 400, 'validation_failed', 'At least 12 characters', 'password'), true);
    const user = {
      id: users.length + 1,
      username: body.username,
      role: body.role,
      isDisabled: false,
      createdAt: now(),
      lastLoginAt: null,
      password: body.password,
    };
    users.push(user);
    record('user.created', actor, user.username, req);
    return (send(res, 201, publicUser(user)), true);
  }
  const user = path.startsWith('/api/v1/users/') ? users.find((u) => u.id === id) : undefined;
  if (user && method === 'PATCH') {
    const body = await readBody(req);
    Object.assign(user, body);
    record(body.password ? 'user.password_changed' : 'user.updated', actor, user.username, req);
    return (send(res, 200, publicUser(user)), true);
  }
  if (path === '/api/v1/apikeys' && method === 'GET') return (send(res, 200, { items: apiKeys }), true);
  if (path === '/api/v1/apikeys' && method === 'POST') {
    const body = await readBody(req);
    const key = token('gs_');
    const expiresAt = body?.expiresAt === undefined ? null : Number(new Date(body.expiresAt));
    const apiKey = {
      id: apiKeys.length + 1,
      name: body.name,
      scope: body.scope,
      prefix: key.slice(0, 10),
      createdAt: now(),
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    apiKeys.push(apiKey);
    record('apikey.created', actor, apiKey.name, req);
    return (send(res, 201, { ...apiKey, key }), true);
  }
  const apiKey = path.startsWith('/api/v1/apikeys/') ? apiKeys.find((k) => k.id === id) : undefined;
  if (apiKey && method === 'DELETE') {
    apiKey.revokedAt = now();
    record('apikey.revoked', actor, apiKey.name, req);
    return ((res.writeHead(204), res.end()), true);
  }
  if (path === '/api/v1/audit') {
    const url = new URL(req.url, 'http://x');
    const cursor = Number(url.searchParams.get('cursor') ?? Infinity);
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const items = audit.filter((e) => e.id < cursor).slice(0, limit);
    const last = items.at(-1);
    return (send(res, 200, { items, nextCursor: items.length === limit && last ? last.id : null }), true);
  }
  return false;
}

/** A stream upgrade needs an unused, unexpired ticket. */
export function redeemTicket(url) {
  const ticket = new URL(url, 'http://x').searchParams.get('ticket');
  const expiresAt = tickets.get(ticket);
  tickets.delete(ticket);
  return expiresAt !== undefined && expiresAt > now();
}
