import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CONFIG_FILE_ENV, ENV_FIELDS } from '../src/config/config-sources.js';

// The deploy files (Dockerfile, compose, Kubernetes, CI) cannot run here: no Docker engine, no cluster.
// These checks keep them consistent with the CLI and the config they drive.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const K8S_DIR = join(ROOT, 'deploy/kubernetes');
const MAIN_JS = join(ROOT, 'apps/server/dist/main.js');
/** The variables the product reads: anything else in the files (NVIDIA_*, POSTGRES_*) belongs to other software. */
const PRODUCT_ENV = /^(GPU_SENTINEL_\w+|DATABASE_URL|REDIS_URL)$/;

type Obj = Record<string, unknown>;
interface Invocation {
  where: string;
  args: string[];
}

const text = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const obj = (value: unknown): Obj => (isObj(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).map(String);

function yamlDocs(path: string): Obj[] {
  // `merge`: compose files share settings through `<<: *anchor`, as Docker Compose reads them.
  return parseAllDocuments(text(path), { merge: true }).map((doc) => {
    expect(
      doc.errors.map((error) => error.message),
      path,
    ).toEqual([]);
    return obj(doc.toJS());
  });
}

/** Dockerfile instructions as [keyword, rest], continuation lines joined, comments dropped. */
function dockerfileInstructions(): [string, string][] {
  const lines = text('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return lines.map((line) => {
    const [keyword = '', ...rest] = line.trim().split(/\s+/);
    return [keyword.toUpperCase(), rest.join(' ')];
  });
}
const instructions = (keyword: string) =>
  dockerfileInstructions()
    .filter(([k]) => k === keyword)
    .map(([, r]) => r);

const helpCache = new Map<string, Set<string>>();
/** The long flags `gpu-sentinel <command> --help` lists: the options the real CLI accepts. */
function acceptedFlags(command: string): Set<string> {
  const cached = helpCache.get(command);
  if (cached) return cached;
  if (!existsSync(MAIN_JS))
    throw new Error(`${MAIN_JS} is missing: build first (npm run build, or npx tsc -b apps/server)`);
  const result = spawnSync(process.execPath, [MAIN_JS, ...command.split(' '), '--help'], { encoding: 'utf8' });
  const help = result.stdout + result.stderr;
  // Commander answers `<unknown> --help` with the top-level help, so look for the command's own usage line.
  if (!help.includes(`Usage: gpu-sentinel ${command} `)) {
    throw new Error(
      `gpu-sentinel has no \`${command}\` command, but the deploy files run it. \`${command} --help\` said:\n${help}`,
    );
  }
  // Option lines are indented by two spaces; wrapped descriptions by more.
  const flags = new Set([...help.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z0-9-]*)/gm)].map((match) => match[1] ?? ''));
  helpCache.set(command, flags);
  return flags;
}

const kustomization = () => obj(yamlDocs('deploy/kubernetes/kustomization.yaml')[0]);
const k8sFiles = readdirSync(K8S_DIR).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml');
const k8sDocs = k8sFiles.flatMap((name) => yamlDocs(`deploy/kubernetes/${name}`).map((doc) => ({ file: name, doc })));
const compose = obj(yamlDocs('deploy/compose.yaml')[0]);
const composeServices = Object.entries(obj(compose.services)).map(([name, service]) => ({
  name,
  service: obj(service),
}));
/** Services that run this repository's image (the others are Postgres and Redis). */
const ownServices = composeServices.filter(({ service }) => isObj(service.build));

function podSpecs(): { where: string; spec: Obj }[] {
  return k8sDocs
    .filter(({ doc }) => isObj(obj(obj(doc.spec).template).spec))
    .map(({ file, doc }) => ({ where: `${file} ${String(doc.kind)}`, spec: obj(obj(obj(doc.spec).template).spec) }));
}
const containersOf = (spec: Obj) => [...list(spec.initContainers), ...list(spec.containers)].map(obj);
const isOurImage = (image: unknown) => /(^|\/)gpu-sentinel(:|$)/.test(String(image));

function invocations(): Invocation[] {
  const found: Invocation[] = [];
  const cmd = instructions('CMD').at(-1) ?? '[]';
  found.push({ where: 'Dockerfile CMD', args: strings(JSON.parse(cmd)) });
  for (const { name, service } of ownServices) {
    const command = service.command;
    if (command !== undefined) {
      const args = typeof command === 'string' ? command.split(/\s+/) : strings(command);
      found.push({ where: `compose ${name}`, args });
    }
  }
  for (const { where, spec } of podSpecs()) {
    for (const container of containersOf(spec).filter((c) => isOurImage(c.image) && c.command === undefined)) {
      found.push({ where: `${where} ${String(container.name)}`, args: strings(container.args) });
    }
  }
  // Commands written out in the docs and in the files' comments: `gpu-sentinel …`, `…/main.js …`, `run --rm server …`.
  for (const path of ['docs/scaling-out.md', 'deploy/compose.yaml', 'Dockerfile']) {
    const joined = text(path).replace(/\\\n/g, ' ');
    const prefix = String.raw`(?:gpu-sentinel(?::[\w.-]+)?|main\.js|run --rm server)`;
    const pattern = new RegExp(String.raw`${prefix}[ \t]+(serve|agent|apikey create)\b([^\n|&#\`]*)`, 'g');
    for (const match of joined.matchAll(pattern)) {
      const args = [...(match[1] ?? '').split(' '), ...(match[2] ?? '').trim().split(/\s+/)];
      found.push({ where: `${path}: ${match[0].trim()}`, args });
    }
  }
  return found;
}

/** `apikey create` is two words; `serve` and `agent` one. */
const commandOf = (args: string[]) => (args[0] === 'apikey' ? args.slice(0, 2).join(' ') : (args[0] ?? ''));
const flagsOf = (args: string[]) => args.filter((arg) => arg.startsWith('--')).map((arg) => arg.split('=')[0] ?? arg);

function checkFlags(command: string): void {
  const uses = invocations().filter(({ args }) => commandOf(args) === command);
  expect(uses.length, `nothing runs ${command}`).toBeGreaterThan(0);
  const accepted = acceptedFlags(command);
  for (const { where, args } of uses) {
    for (const flag of flagsOf(args)) expect(accepted.has(flag), `${where}: ${command} has no ${flag}`).toBe(true);
  }
}

/** Product variables a container gets, with the command it runs. */
function productEnvironments(): { where: string; command: string; names: string[] }[] {
  const secrets = new Map(
    k8sDocs
      .filter(({ doc }) => doc.kind === 'Secret')
      .map(({ doc }) => [String(obj(doc.metadata).name), Object.keys(obj(doc.stringData))]),
  );
  const found = ownServices.map(({ name, service }) => ({
    where: `compose ${name}`,
    command: commandOf(strings(service.command)),
    names: Array.isArray(service.environment)
      ? strings(service.environment).map((entry) => entry.split('=')[0] ?? '')
      : Object.keys(obj(service.environment)),
  }));
  for (const { where, spec } of podSpecs()) {
    for (const container of list(spec.containers)
      .map(obj)
      .filter((c) => isOurImage(c.image))) {
      const fromSecrets = list(container.envFrom).flatMap((source) => {
        const name = String(obj(obj(source).secretRef).name);
        expect(secrets.has(name), `${where}: envFrom names Secret ${name}, which no manifest defines`).toBe(true);
        return secrets.get(name) ?? [];
      });
      const direct = list(container.env).map((entry) => {
        const ref = obj(obj(obj(entry).valueFrom).secretKeyRef);
        if (typeof ref.name === 'string') expect(secrets.get(ref.name), where).toContain(ref.key);
        return String(obj(entry).name);
      });
      found.push({ where, command: commandOf(strings(container.args)), names: [...direct, ...fromSecrets] });
    }
  }
  // The image's own environment reaches both roles.
  const imageEnv = instructions('ENV').flatMap((rest) => [...rest.matchAll(/(\w+)=/g)].map((match) => match[1] ?? ''));
  found.push({ where: 'Dockerfile ENV', command: 'agent', names: imageEnv });
  return found.map((entry) => ({ ...entry, names: entry.names.filter((name) => PRODUCT_ENV.test(name)) }));
}

/** Compiled CLI and collector code: an agent variable is read there by name. */
function compiledSources(): string {
  const dirs = ['apps/server/dist', 'packages/collector/dist'].map((dir) => join(ROOT, dir));
  return dirs
    .flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.js'))
        .map((file) => readFileSync(join(dir, file), 'utf8')),
    )
    .join('\n');
}

describe('deploy files parse', () => {
  it('compose, the workflow and every Kubernetes manifest are valid YAML; each manifest names itself', () => {
    expect(composeServices.map(({ name }) => name).sort()).toEqual(['agent', 'postgres', 'redis', 'server']);
    expect(ownServices.map(({ name }) => name).sort()).toEqual(['agent', 'server']);
    yamlDocs('.github/workflows/ci.yml');
    expect(k8sDocs.length).toBeGreaterThanOrEqual(5);
    for (const { file, doc } of k8sDocs) {
      expect(doc.apiVersion, file).toEqual(expect.any(String));
      expect(doc.kind, file).toEqual(expect.any(String));
      expect(obj(doc.metadata).name, `${file} ${String(doc.kind)}`).toEqual(expect.any(String));
    }
  });

  it('kustomization.yaml lists every manifest, and they exist', () => {
    const resources = strings(kustomization().resources);
    expect([...resources].sort()).toEqual([...k8sFiles].sort());
  });
});

describe('the image', () => {
  it('builds in stages, runs as a numeric non-root user and has a health check', () => {
    expect(instructions('FROM').length).toBeGreaterThanOrEqual(2);
    const user = instructions('USER').at(-1) ?? 'root';
    expect(user, 'USER must be a numeric uid[:gid]').toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    expect(instructions('HEALTHCHECK').at(-1) ?? 'NONE').toContain('/healthz');
    expect(instructions('EXPOSE')).toContain('3055');
    expect(instructions('ENTRYPOINT').at(-1)).toBe('["node", "apps/server/dist/main.js"]');
  });

  it('installs with every workspace manifest, as npm ci needs', () => {
    const workspaces = strings(obj(JSON.parse(text('package.json'))).workspaces);
    const manifests = instructions('COPY').filter((rest) => /^[\w/.-]+\/package\.json /.test(rest));
    // Twice: once for the build, once for the production install.
    for (const workspace of workspaces) {
      expect(
        manifests.filter((rest) => rest.startsWith(`${workspace}/package.json `)),
        workspace,
      ).toHaveLength(2);
    }
  });

  it('copies the build outputs the server runs from, which the build makes', () => {
    const copied = instructions('COPY')
      .filter((rest) => rest.startsWith('--from=build '))
      .map((rest) => (rest.split(/\s+/)[1] ?? '').replace(/^\/src\//, ''));
    for (const path of ['apps/server/dist', 'apps/web/dist', 'packages/protocol/dist']) expect(copied).toContain(path);
    for (const path of copied) expect(existsSync(join(ROOT, path)), `${path} is not built`).toBe(true);
    expect(existsSync(join(ROOT, 'apps/web/dist/index.html')), 'the dashboard is not built').toBe(true);
  });
});

describe('commands and flags match the CLI', () => {
  it('serve gets only flags `serve --help` lists', () => checkFlags('serve'));
  it('agent gets only flags `agent --help` lists', () => checkFlags('agent'));
  it('apikey create gets only flags `apikey create --help` lists', () => checkFlags('apikey create'));
});

describe('environment variables', () => {
  it('a server container gets only variables the config loader reads', () => {
    const known = new Set([...Object.keys(ENV_FIELDS), CONFIG_FILE_ENV]);
    const servers = productEnvironments().filter(({ command }) => command === 'serve');
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const { where, names } of servers) {
      for (const name of names) expect(known.has(name), `${where}: the server does not read ${name}`).toBe(true);
    }
  });

  it('an agent container (and the image) gets only variables the build reads', () => {
    const code = compiledSources();
    const agents = productEnvironments().filter(({ command }) => command === 'agent');
    expect(agents.length).toBeGreaterThanOrEqual(3);
    for (const { where, names } of agents) {
      for (const name of names) expect(code.includes(name), `${where}: nothing in the build reads ${name}`).toBe(true);
    }
  });

  it('compose requires the secret and the admin password rather than starting without them', () => {
    const server = obj(obj(compose.services).server);
    const environment = obj(server.environment);
    expect(String(environment.GPU_SENTINEL_SECRET)).toMatch(/^\$\{GPU_SENTINEL_SECRET:\?/);
    expect(String(environment.GPU_SENTINEL_ADMIN_PASSWORD)).toMatch(/^\$\{GPU_SENTINEL_ADMIN_PASSWORD:\?/);
    for (const { name, service } of composeServices) {
      for (const [dependency, condition] of Object.entries(obj(service.depends_on))) {
        expect(obj(condition).condition, `${name} → ${dependency}`).toBe('service_healthy');
        expect(obj(obj(compose.services)[dependency]).healthcheck, `${dependency} needs a healthcheck`).toBeDefined();
      }
    }
  });
});

describe('agents reach the server', () => {
  it('in compose, by the server service name on the port it serves', () => {
    const agent = obj(obj(compose.services).agent);
    const url = new URL(String(obj(agent.environment).GPU_SENTINEL_SERVER));
    const target = obj(obj(compose.services)[url.hostname]);
    expect(commandOf(strings(target.command)), url.hostname).toBe('serve');
    expect(flagsOf(strings(target.command))).not.toContain('--port');
    expect(url.port).toBe('3055');
  });

  it('in Kubernetes, by the DNS name of the Service in front of the server pods', () => {
    const namespace = String(kustomization().namespace);
    const agent = k8sDocs.find(({ doc }) => doc.kind === 'DaemonSet')?.doc ?? {};
    const args = strings(obj(list(obj(obj(obj(agent.spec).template).spec).containers)[0]).args);
    const url = new URL(args[args.indexOf('--server') + 1] ?? '');
    const [serviceName] = url.hostname.split('.');
    expect(url.hostname).toBe(`${String(serviceName)}.${namespace}.svc`);
    const service = k8sDocs.find(({ doc }) => doc.kind === 'Service' && obj(doc.metadata).name === serviceName)?.doc;
    expect(service, `no Service ${String(serviceName)}`).toBeDefined();
    expect(list(obj(service?.spec).ports).map((port) => String(obj(port).port))).toContain(url.port);
    const server = k8sDocs.find(({ doc }) => doc.kind === 'Deployment')?.doc ?? {};
    expect(obj(obj(obj(server.spec).template).metadata).labels).toMatchObject(obj(obj(service?.spec).selector));
  });
});

describe('Kubernetes pods run unprivileged', () => {
  it('every container runs as a numeric non-root uid; a root init container may only chown', () => {
    expect(podSpecs().length).toBeGreaterThanOrEqual(2);
    for (const { where, spec } of podSpecs()) {
      const pod = obj(spec.securityContext);
      for (const container of containersOf(spec)) {
        const context = obj(container.securityContext);
        const uid = context.runAsUser ?? pod.runAsUser;
        const label = `${where} ${String(container.name)}`;
        expect(uid, `${label}: runAsUser must be a number`).toEqual(expect.any(Number));
        expect(context.allowPrivilegeEscalation, label).toBe(false);
        if (uid !== 0) {
          expect(context.runAsNonRoot ?? pod.runAsNonRoot, label).toBe(true);
          continue;
        }
        expect(list(spec.initContainers), `${label}: only an init container may run as root`).toContain(container);
        expect(strings(obj(context.capabilities).drop), label).toEqual(['ALL']);
        expect(strings(obj(context.capabilities).add), label).toEqual(['CHOWN']);
        expect(strings(container.command)[0], label).toBe('chown');
      }
    }
  });
});

describe('CI', () => {
  it('runs .ci/run with the Postgres and Redis it expects', () => {
    const workflow = obj(yamlDocs('.github/workflows/ci.yml')[0]);
    const jobs = Object.values(obj(workflow.jobs)).map(obj);
    const job = jobs.find((candidate) =>
      list(candidate.steps).some((step) => /\.ci\/run\b/.test(String(obj(step).run))),
    );
    expect(job, 'no job runs .ci/run').toBeDefined();
    expect(Number(job?.['timeout-minutes'])).toBeLessThanOrEqual(30);
    const postgresUrl = /postgres:\/\/[^\s"']+/.exec(text('.ci/run'))?.[0] ?? '';
    const url = new URL(postgresUrl);
    const services = obj(job?.services);
    const postgres = obj(services.postgres);
    expect(String(postgres.image)).toMatch(/^postgres:16/);
    expect(obj(postgres.env)).toMatchObject({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: url.pathname.slice(1) });
    expect(strings(postgres.ports)).toContain(`${url.port}:5432`);
    expect(String(obj(services.redis).image)).toMatch(/^redis:7/);
    expect(strings(obj(services.redis).ports)).toContain('6379:6379');
  });
});
