import { describe, expect, it } from 'vitest';
import { listFixtures, listRepoFixtureFiles, readFixtureMeta, REPO_ROOT } from './test-fixtures.js';

const manifest = readFixtureMeta('MANIFEST.tsv')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'));
const notice = readFixtureMeta('NOTICE.md');
const PERMISSIVE = /^(MIT|Apache-2\.0|NCSA)/;

describe("the project's copy of the nvidia-smi captures", () => {
  it('holds every kind of capture, found from the repository root', () => {
    expect(REPO_ROOT.pathname.endsWith('/')).toBe(true);
    for (const kind of ['xml', 'query-gpu-csv', 'query-apps-csv', 'help'] as const) {
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
      expect(notice).toContain(`## ${repo} (${license})`);
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

  it('holds no GPL-3.0 file, and every manifest row is a file that is there', () => {
    const files = new Set(listRepoFixtureFiles());
    for (const [file = '', , , , , license = ''] of manifest) {
      expect(license, file).not.toMatch(/GPL/);
      expect(files, file).toContain(file);
    }
  });
});
