import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIdentity } from '../auth/create-identity.js';
import { deriveSecrets } from '../auth/secrets.js';
import { createSqliteStore } from '../store/index.js';
import { makeTempDir, type TempDir } from '../store/test-fixtures.js';
import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

interface TestIo extends CliIo {
  out(): string;
  err(): string;
}

/** Captured output; stdin and the terminal prompt answer with what the test gives. */
function testIo(input: { stdin?: string; typed?: string[] } = {}): TestIo {
  let out = '';
  let err = '';
  const typed = [...(input.typed ?? [])];
  return {
    stdout: { write: (text) => void (out += text) },
    stderr: { write: (text) => void (err += text) },
    env: {},
    waitForStopSignal: () => new Promise(() => undefined),
    ...(input.stdin === undefined ? {} : { readStdin: () => Promise.resolve(input.stdin ?? '') }),
    ...(input.typed === undefined ? {} : { promptSecret: () => Promise.resolve(typed.shift() ?? '') }),
    out: () => out,
    err: () => err,
  };
}

let dir: TempDir;
let dataDir: string;
beforeEach(() => {
  dir = makeTempDir('gpu-sentinel-cli-');
  dataDir = path.join(dir.path, 'data');
});
afterEach(() => dir.remove());

const cli = (args: string[], io: TestIo = testIo()) => runCli([...args, '--data-dir', dataDir], io);

/** Sign in against the same data dir, as the server would. */
async function canSignIn(username: string, password: string): Promise<boolean> {
  const store = createSqliteStore({ dataDir });
  await store.migrate();
  const logger = { info: () => undefined, warn: () => undefined };
  const identity = createIdentity({
    store: store.identity,
    clock: { now: Date.now },
    secrets: deriveSecrets(Buffer.alloc(32)),
    logger,
  });
  try {
    await identity.login({ username, password }, { ip: null });
    return true;
  } catch {
    return false;
  } finally {
    await store.close();
  }
}

describe('gpu-sentinel user', () => {
  it('adds a user from stdin, lists them, changes the password and disables them', async () => {
    const add = testIo({ stdin: 'first password 1\n' });
    expect(await cli(['user', 'add', 'ops', '--role', 'admin', '--password-stdin'], add)).toBe(0);
    expect(add.out()).toContain('added ops (admin)');
    expect(await canSignIn('ops', 'first password 1')).toBe(true);

    const list = testIo();
    expect(await cli(['user', 'list', '--json'], list)).toBe(0);
    expect(JSON.parse(list.out())).toMatchObject([{ username: 'ops', role: 'admin', isDisabled: false }]);

    expect(await cli(['user', 'passwd', 'ops'], testIo({ typed: ['second password', 'second password'] }))).toBe(0);
    expect(await canSignIn('ops', 'first password 1')).toBe(false);
    expect(await canSignIn('ops', 'second password')).toBe(true);

    expect(
      await cli(
        ['user', 'add', 'viewer', '--role', 'reader', '--password-stdin'],
        testIo({ stdin: 'viewer password\n' }),
      ),
    ).toBe(0);
    expect(await cli(['user', 'disable', 'viewer'])).toBe(0);
    expect(await canSignIn('viewer', 'viewer password')).toBe(false);
    const table = testIo();
    expect(await cli(['user', 'list'], table)).toBe(0);
    expect(table.out()).toMatch(/viewer\s+reader\s+disabled/);
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const short = testIo({ stdin: 'short\n' });
    expect(await cli(['user', 'add', 'ops', '--role', 'admin', '--password-stdin'], short)).toBe(2);
    expect(short.err()).toContain('password');
    const role = testIo({ stdin: 'long enough password\n' });
    expect(await cli(['user', 'add', 'ops', '--role', 'root', '--password-stdin'], role)).toBe(2);
    expect(role.err()).toContain('role');
    const mismatch = testIo({ typed: ['one password here', 'another password'] });
    expect(await cli(['user', 'add', 'ops', '--role', 'user'], mismatch)).toBe(2);
    expect(mismatch.err()).toContain('do not match');
    const noTerminal = testIo();
    expect(await cli(['user', 'add', 'ops', '--role', 'user'], noTerminal)).toBe(2);
    expect(noTerminal.err()).toContain('--password-stdin');
    const unknown = testIo();
    expect(await cli(['user', 'disable', 'ghost'], unknown)).toBe(1);
    expect(unknown.err()).toContain('no user named ghost');
    expect(
      await cli(
        ['user', 'add', 'ops', '--role', 'user', '--password-stdin'],
        testIo({ stdin: 'long enough password\n' }),
      ),
    ).toBe(0);
    const taken = testIo({ stdin: 'long enough password\n' });
    expect(await cli(['user', 'add', 'OPS', '--role', 'user', '--password-stdin'], taken)).toBe(1);
    expect(taken.err()).toContain('taken');
  });
});

describe('gpu-sentinel apikey', () => {
  it('creates a key shown once, lists it without the key, revokes it, and audits as cli', async () => {
    const create = testIo();
    expect(
      await cli(
        ['apikey', 'create', '--name', 'agent-7', '--scope', 'ingest', '--expires', '2099-01-01T00:00:00Z'],
        create,
      ),
    ).toBe(0);
    const key = create.out().trim();
    expect(key).toMatch(/^gs_/);
    expect(create.err()).toContain('not shown again');

    const list = testIo();
    expect(await cli(['apikey', 'list', '--json'], list)).toBe(0);
    expect(list.out()).not.toContain(key);
    const [listed] = JSON.parse(list.out()) as { id: number; name: string; expiresAt: number }[];
    expect(listed).toMatchObject({ name: 'agent-7', expiresAt: Date.parse('2099-01-01T00:00:00Z') });

    const revoke = testIo();
    expect(await cli(['apikey', 'revoke', String(listed?.id)], revoke)).toBe(0);
    const table = testIo();
    expect(await cli(['apikey', 'list'], table)).toBe(0);
    expect(table.out()).toMatch(/agent-7\s+ingest\s+gs_\S+\s+revoked/);

    const store = createSqliteStore({ dataDir });
    await store.migrate();
    const audit = await store.identity.listAudit({ limit: 10 });
    await store.close();
    expect(audit.items.map((event) => [event.type, event.actor])).toEqual([
      ['apikey.revoked', 'cli'],
      ['apikey.created', 'cli'],
    ]);
  });

  it('refuses a bad scope, a past or malformed expiry and an unknown id', async () => {
    for (const args of [
      ['--name', 'x', '--scope', 'everything'],
      ['--name', 'x', '--scope', 'read', '--expires', 'tomorrow'],
      ['--name', 'x', '--scope', 'read', '--expires', '2001-01-01T00:00:00Z'],
    ]) {
      const io = testIo();
      expect(await cli(['apikey', 'create', ...args], io)).toBe(2);
      expect(io.err()).toMatch(/^gpu-sentinel: /);
    }
    expect(await cli(['apikey', 'revoke', '42'])).toBe(1);
    expect(await cli(['apikey', 'revoke', 'abc'])).toBe(2);
  });
});
