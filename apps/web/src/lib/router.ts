import { useSyncExternalStore } from 'react';

/** A tiny history-API router: two routes do not need a library. */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}

export const paths = {
  overview: '/',
  gpu: (uuid: string) => `/gpus/${encodeURIComponent(uuid)}`,
};

export type Route = { name: 'overview' } | { name: 'gpu'; uuid: string } | { name: 'not-found' };

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'overview' };
  const gpu = /^\/gpus\/([^/]+)\/?$/.exec(pathname);
  if (gpu?.[1]) {
    try {
      return { name: 'gpu', uuid: decodeURIComponent(gpu[1]) };
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}
