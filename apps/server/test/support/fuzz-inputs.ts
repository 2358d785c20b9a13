/** Deterministic random numbers (mulberry32), so a failing fuzz run can be replayed from its seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) out[i] = this.int(256);
    return out;
  }

  /** Printable ASCII and some non-ASCII, the kind of text that reaches parsers. */
  text(maxLength: number): string {
    const alphabet = 'abcXYZ019 -_.~%/\\?#&=+[]{}"\'<>;:,!@$^*()|`\u00e9\u4e2d\u{1f525}';
    const chars = Array.from(alphabet);
    let out = '';
    const length = this.int(maxLength + 1);
    for (let i = 0; i < length; i += 1) out += this.pick(chars);
    return out;
  }
}

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const SEGMENTS = [
  '..',
  '%2e%2e',
  '%zz',
  '%00',
  'GPU-' + 'f'.repeat(40),
  '',
  ' ',
  '%F0%9F%94%A5',
  'null',
  '-1',
  '1e309',
];

/** A path based on a registered route (params replaced by garbage), or made up. */
export function fuzzPath(random: Random, routes: readonly string[]): string {
  if (random.chance(0.15)) return '/' + random.text(40).replace(/[#?]/g, '');
  const route = random.pick(routes).replace(/\*$/, random.text(10));
  const path = route.replace(/:[a-zA-Z]+/g, () =>
    random.chance(0.5) ? random.pick(SEGMENTS) : encodeURIComponent(random.text(random.chance(0.1) ? 2_000 : 20)),
  );
  return random.chance(0.1) ? `${path}/${random.pick(SEGMENTS)}` : path;
}

const QUERY_KEYS = ['from', 'to', 'points', 'ticket', 'cursor', 'limit', 'format', '__proto__', 'constructor', 'a[]'];
const QUERY_VALUES = ['-1', '0', '1e400', 'NaN', 'abc', '', '9'.repeat(400), '%', 'true', '[]', '{}', '1&1'];

export function fuzzQuery(random: Random): string {
  if (random.chance(0.4)) return '';
  const parts: string[] = [];
  const count = 1 + random.int(6);
  for (let i = 0; i < count; i += 1) {
    const key = random.chance(0.8) ? random.pick(QUERY_KEYS) : encodeURIComponent(random.text(10));
    const value = random.chance(0.7) ? random.pick(QUERY_VALUES) : encodeURIComponent(random.text(30));
    parts.push(`${key}=${value}`);
  }
  return `?${parts.join('&')}`;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/jso',
  '',
];

function nested(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

/** A body: malformed, wrong shape, deeply nested, oversized, prototype-polluting, or raw bytes. */
export function fuzzBody(random: Random): { contentType: string; body: string | Buffer } {
  const contentType = random.pick(CONTENT_TYPES);
  const kind = random.int(9);
  const body = [
    () => '{"intervalMs":',
    () => JSON.stringify({ intervalMs: random.pick([99, 100, 60_001, 'x', null, Number.MAX_SAFE_INTEGER + 2, -0]) }),
    () => JSON.stringify({ recording: random.pick([true, 'yes', 0, null, {}]), extra: 1 }),
    () => nested(1 + random.int(20_000), '[', ']'),
    () => nested(1 + random.int(5_000), '{"a":', '}').replace(/}$/, '1}'),
    () => JSON.stringify({ pad: 'x'.repeat(60 * 1024 + random.int(20 * 1024)) }),
    () => '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"username":"admin","password":"x"}',
    () => random.bytes(random.int(2_000)),
    () => JSON.stringify({ username: random.text(100), password: random.text(2_000), refreshToken: random.text(600) }),
  ][kind];
  return { contentType, body: body === undefined ? '' : body() };
}

/** An Authorization header: none, a valid token, or one of many broken ones (up to a few KB). */
export function fuzzAuthorization(random: Random, validToken: string): string | null {
  const parts = validToken.split('.');
  const tampered = parts.length === 3 ? `${parts[0] ?? ''}.${random.text(20)}.${parts[2] ?? ''}` : validToken + 'x';
  return random.pick([
    null,
    `Bearer ${validToken}`,
    `Bearer ${validToken}`,
    `Bearer ${tampered}`,
    'Bearer ',
    'Bearer gs_' + random.text(40).replace(/[^\x21-\x7e]/g, 'a'),
    `Bearer ${'a'.repeat(4_000 + random.int(3_000))}`,
    'Basic YWRtaW46YWRtaW4=',
    `bearer\t${validToken}`,
    'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.',
    random.text(200).replace(/[^\x20-\x7e]/g, 'b'),
  ]);
}
