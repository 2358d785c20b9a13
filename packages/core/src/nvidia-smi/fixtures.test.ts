import { describe, expect, it } from 'vitest';
import { listFixtures, listRepoFixtureFiles, projectLicense, readFixtureMeta, REPO_ROOT } from './test-fixtures.js';

const manifest = readFixtureMeta('MANIFEST.tsv')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));
const notice = readFixtureMeta('NOTICE.md');
const PERMISSIVE = /^(MIT|Apache-2\.0|NCSA)/;
/** The source_repo of the captures GPU Sentinel made itself (scripts/capture-nvidia-smi.sh). */
const OWN_REPO = 'gpu-sentinel';
/** The NOTICE heading of a source: the project's own captures have one section of their own. */
const headingOf = (repo: string, license: string): string =>
  repo === OWN_REPO ? `## GPU Sentinel's own captures (${license})` : `## ${repo} (${license})`;

describe("the project's copy of the nvidia-smi captures", () => {
  it('holds every kind of capture, found from the repository root', () => {
    expect(REPO_ROOT.pathname.endsWith('/')).toBe(true);
    for (const kind of ['xml', 'query-gpu-csv', 'query-apps-csv', 'help', 'query-gpu-loop', 'info'] as const) {
      const fixtures = listFixtures(kind).filter((fixture) => fixture.source === 'repo');
      expect(fixtures.length, kind).toBeGreaterThan(0);
      expect(fixtures.every((fixture) => fixture.path.startsWith(`fixtures/nvidia-smi/${kind}/`))).toBe(true);
    }
  });

  it('names source repository, path, commit and licence of every copied file', () => {
    const rows = new Map(manifest.map((row) => [row[0], row]));
    for (const file of listRepoFixtureFiles().filter((path) => !path.startsWith('commands/'))) {
      const row = rows.get(file);
      expect(row, `${file} has no MANIFEST.tsv row`).toBeDefined();
      const [, , repo = '', path = '', commit = '', license = ''] = row ?? [];
      expect(license).toMatch(PERMISSIVE);
      expect(commit).toMatch(/^[0-9a-f]{40}$/);
      expect(notice).toContain(`| \`${file}\` | \`${path}\` | \`${commit}\` |`);
      expect(notice).toContain(headingOf(repo, license));
    }
  });

  it('credits each command file with the source of the capture it was run for', () => {
    const rows = new Map(manifest.map((row) => [row[0], row]));
    const commands = listRepoFixtureFiles().filter((path) => path.startsWith('commands/'));
    expect(commands.length).toBeGreaterThan(0);
    for (const file of commands) {
      const capture = file.replace(/^commands\/(.*)\.cmd$/, 'query-gpu-csv/$1.csv');
      const [, , repo = '', path = '', commit = '', license = ''] = rows.get(capture) ?? [];
      expect(license, `${file} has no capture ${capture} in MANIFEST.tsv`).toMatch(PERMISSIVE);
      expect(notice).toContain(`| \`${file}\` | ${repo} | \`${path}\` | \`${commit}\` | ${license} |`);
    }
  });

  it("credits the project's own captures to the capture script, under GPU Sentinel's licence", () => {
    const own = manifest.filter(([, , repo]) => repo === OWN_REPO);
    expect(own.length).toBeGreaterThan(0);
    for (const [file = '', , , path = '', , license = ''] of own) {
      expect(path, file).toBe('scripts/capture-nvidia-smi.sh');
      expect(license, file).toBe(projectLicense());
    }
    expect(notice).toContain('scripts/capture-nvidia-smi.sh');
  });

  it('holds no GPL-3.0 file, and every manifest row is a file that is there', () => {
    const files = new Set(listRepoFixtureFiles());
    for (const [file = '', , , , , license = ''] of manifest) {
      expect(license, file).not.toMatch(/GPL/);
      expect(files, file).toContain(file);
    }
  });
});
