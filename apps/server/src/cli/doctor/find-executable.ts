import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** Where `name` would be run from: itself when it is a path, else the first match on PATH. */
export async function findExecutable(name: string, pathVariable: string | undefined): Promise<string | null> {
  if (name.includes('/') || isAbsolute(name)) {
    const path = resolve(name);
    return (await isExecutable(path)) ? path : null;
  }
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
