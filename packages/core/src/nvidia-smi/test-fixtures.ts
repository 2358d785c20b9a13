/// <reference types="vite/types/importMeta.d.ts" />
/**
 * Test-only access to the nvidia-smi captures (excluded from the package build). The project's own
 * copies (MIT, Apache-2.0, NCSA) live in `<repo>/fixtures/nvidia-smi`; the GPL-3.0 ones are read
 * from `<repo>/../shared/fixtures/nvidia-smi` when that folder exists (CI has it beside the clone).
 *
 * Files are loaded through Vite's `import.meta.glob` rather than `node:fs`, which core may not import.
 */

/**
 * `query-gpu-loop`: raw lines of the live loop (`--format=csv,noheader,nounits -lms N`), with the
 * field list in `info/` (as they have no header); `info`: `--version`, `-L` and such.
 */
export type FixtureKind = 'xml' | 'query-gpu-csv' | 'query-apps-csv' | 'help' | 'query-gpu-loop' | 'info';

export interface Fixture {
  kind: FixtureKind;
  /** The file name, e.g. `telegraf-a10g.xml`. */
  name: string;
  source: 'repo' | 'shared';
  /** The path relative to the repository root, e.g. `fixtures/nvidia-smi/xml/telegraf-a10g.xml`. */
  path: string;
  text: string;
}

// Vite needs the glob options written out in each call.
const REPO_FILES = import.meta.glob<string>(
  '../../../../fixtures/nvidia-smi/{xml,query-gpu-csv,query-apps-csv,help,query-gpu-loop,info}/*',
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);
const SHARED_FILES = import.meta.glob<string>(
  '../../../../../shared/fixtures/nvidia-smi/{xml,query-gpu-csv,query-apps-csv,help,query-gpu-loop,info}/*',
  { query: '?raw', import: 'default', eager: true },
);
const REPO_META = import.meta.glob<string>('../../../../fixtures/nvidia-smi/{MANIFEST.tsv,NOTICE.md}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const ROOT_PACKAGE = import.meta.glob<string>('../../../../package.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const REPO_ALL = import.meta.glob('../../../../fixtures/nvidia-smi/*/*');
const KINDS: readonly FixtureKind[] = ['xml', 'query-gpu-csv', 'query-apps-csv', 'help', 'query-gpu-loop', 'info'];

/** The repository root: this file is `<root>/packages/core/src/nvidia-smi/test-fixtures.ts`. */
export const REPO_ROOT = new URL('../../../../', import.meta.url);

/** True when `../shared/fixtures/nvidia-smi` is beside the repository (the GPL-3.0 captures are there). */
export const hasSharedFixtures = Object.keys(SHARED_FILES).length > 0;

function fromRoot(globKey: string): string {
  const href = new URL(globKey, import.meta.url).href;
  const parent = new URL('../', REPO_ROOT).href;
  if (href.startsWith(REPO_ROOT.href)) return decodeURIComponent(href.slice(REPO_ROOT.href.length));
  return `../${decodeURIComponent(href.slice(parent.length))}`;
}

function toFixtures(kind: FixtureKind, files: Record<string, string>, source: Fixture['source']): Fixture[] {
  return Object.entries(files)
    .filter(([key]) => key.split('/').at(-2) === kind)
    .map(([key, text]) => ({ kind, name: key.slice(key.lastIndexOf('/') + 1), source, path: fromRoot(key), text }));
}

for (const kind of KINDS) {
  if (toFixtures(kind, REPO_FILES, 'repo').length === 0) {
    throw new Error(
      `The project's nvidia-smi fixtures are missing: no files in ${new URL(`fixtures/nvidia-smi/${kind}/`, REPO_ROOT).pathname}. ` +
        'They are part of the repository; restore them (git checkout -- fixtures) before running the tests.',
    );
  }
}

/** Every capture of a kind, the project's copies first, then the shared-only ones; each name once. */
export function listFixtures(kind: FixtureKind): Fixture[] {
  const repo = toFixtures(kind, REPO_FILES, 'repo');
  const inRepo = new Set(repo.map((fixture) => fixture.name));
  const shared = toFixtures(kind, SHARED_FILES, 'shared').filter((fixture) => !inRepo.has(fixture.name));
  return [...repo, ...shared].sort((a, b) => a.name.localeCompare(b.name));
}

/** One capture's text by kind and file name; throws (naming both places looked in) when it is in neither. */
export function readFixture(kind: FixtureKind, name: string): string {
  const fixture = listFixtures(kind).find((candidate) => candidate.name === name);
  if (fixture === undefined) {
    throw new Error(`no fixture ${kind}/${name} in fixtures/nvidia-smi or ../shared/fixtures/nvidia-smi`);
  }
  return fixture.text;
}

/** Every capture file the project holds (tables and commands too), as `kind/name`. */
export function listRepoFixtureFiles(): string[] {
  return Object.keys(REPO_ALL)
    .map((key) => key.split('/').slice(-2).join('/'))
    .sort();
}

/** The project's `MANIFEST.tsv` and `NOTICE.md` (source and licence of each copied file). */
export function readFixtureMeta(file: 'MANIFEST.tsv' | 'NOTICE.md'): string {
  const entry = Object.entries(REPO_META).find(([key]) => key.endsWith(`/${file}`));
  if (entry === undefined) throw new Error(`fixtures/nvidia-smi/${file} is missing from the repository`);
  return entry[1];
}

/** The licence of GPU Sentinel itself (the root `package.json`), which covers the project's own captures. */
export function projectLicense(): string {
  const [text] = Object.values(ROOT_PACKAGE);
  const license: unknown = text === undefined ? undefined : (JSON.parse(text) as { license?: unknown }).license;
  if (typeof license !== 'string') throw new Error('the root package.json has no "license" field');
  return license;
}
