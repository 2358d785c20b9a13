import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'gpu-sentinel.theme';
const listeners = new Set<() => void>();
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');

function isTheme(value: string | null): value is Theme {
  return value === 'light' || value === 'dark';
}

function remember(choice: Theme | null): void {
  try {
    if (choice) localStorage.setItem(STORAGE_KEY, choice);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode); the choice then lasts for the page only.
  }
}

/** `?theme=dark|light` sets and remembers a choice, `?theme=system` forgets it; else the remembered one. */
function initialChoice(): Theme | null {
  const param = new URLSearchParams(window.location.search).get('theme');
  if (isTheme(param)) remember(param);
  if (param === 'system') remember(null);
  if (isTheme(param) || param === 'system') return isTheme(param) ? param : null;
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isTheme(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** The user's choice; `null` follows the system's light or dark preference. */
let choice: Theme | null = initialChoice();

function resolvedTheme(): Theme {
  return choice ?? (systemDark.matches ? 'dark' : 'light');
}

function applyAndNotify(): void {
  document.documentElement.dataset.theme = resolvedTheme();
  for (const listener of listeners) listener();
}

systemDark.addEventListener('change', applyAndNotify);
applyAndNotify();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, resolvedTheme);
}

export function toggleTheme(): void {
  choice = resolvedTheme() === 'dark' ? 'light' : 'dark';
  remember(choice);
  applyAndNotify();
}
