import { readFileSync } from 'node:fs';

/** The server's version, from its package.json (../package.json from both src/ and dist/). */
export function readServerVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') {
      return pkg.version;
    }
  } catch {
    // Fall through: a missing or odd package.json must not stop the server.
  }
  return '0.0.0';
}
