import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/web/dist, found from this file in both src/http and dist/http. */
export function defaultWebDir(): string {
  return fileURLToPath(new URL('../../../web/dist/', import.meta.url));
}

/** The dashboard's build folder, or null when it has not been built. */
export function findWebDir(configured: string | undefined): string | null {
  const dir = configured ?? defaultWebDir();
  return existsSync(join(dir, 'index.html')) ? dir : null;
}
