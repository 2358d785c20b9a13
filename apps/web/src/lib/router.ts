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

/** The query string (`?a=1`), for views that keep their state in the URL. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

/** `isScrollKept`: the same page with other parameters (a zoomed chart), so the reader stays where they are. */
export function navigate(to: string, options: { isScrollKept?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.pushState(null, '', to);
  if (options.isScrollKept !== true) window.scrollTo(0, 0);
  notify();
}

export const paths = {
  overview: '/',
  gpu: (uuid: string) => `/gpus/${encodeURIComponent(uuid)}`,
  history: '/history',
  fleet: '/fleet',
  fleetHost: (hostId: string) => `/fleet/${encodeURIComponent(hostId)}`,
  login: '/login',
  setup: '/setup',
  admin: (section: AdminSection) => `/admin/${section}`,
  alerts: (section: AlertsSection = 'active') => (section === 'active' ? '/alerts' : `/alerts/${section}`),
  alert: (id: number) => `/alerts/${id}`,
};

export const ALERTS_SECTIONS = ['active', 'history', 'rules', 'channels'] as const;
export type AlertsSection = (typeof ALERTS_SECTIONS)[number];

export const ADMIN_SECTIONS = ['users', 'apikeys', 'audit', 'storage', 'system'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export type Route =
  | { name: 'overview' }
  | { name: 'gpu'; uuid: string }
  | { name: 'history' }
  | { name: 'fleet' }
  | { name: 'fleet-host'; hostId: string }
  | { name: 'login' }
  | { name: 'setup' }
  | { name: 'admin'; section: AdminSection }
  | { name: 'alerts'; section: AlertsSection }
  | { name: 'alert'; id: number }
  | { name: 'not-found' };

/** `/fleet` and `/fleet/:hostId`; a host id that does not decode is no page at all. */
function fleetRoute(part: string | undefined): Route {
  if (part === undefined) return { name: 'fleet' };
  try {
    return { name: 'fleet-host', hostId: decodeURIComponent(part) };
  } catch {
    return { name: 'not-found' };
  }
}

function adminSection(value: string | undefined): AdminSection | null {
  return ADMIN_SECTIONS.find((section) => section === value) ?? null;
}

function alertsRoute(part: string | undefined): Route {
  if (part === undefined) return { name: 'alerts', section: 'active' };
  const section = ALERTS_SECTIONS.find((each) => each === part && each !== 'active');
  if (section) return { name: 'alerts', section };
  return /^[1-9][0-9]{0,15}$/.test(part) ? { name: 'alert', id: Number(part) } : { name: 'not-found' };
}

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'overview' };
  if (pathname === paths.history || pathname === `${paths.history}/`) return { name: 'history' };
  if (pathname === paths.login) return { name: 'login' };
  if (pathname === paths.setup) return { name: 'setup' };
  if (pathname === '/admin' || pathname === '/admin/') return { name: 'admin', section: 'users' };
  const admin = /^\/admin\/([a-z]+)\/?$/.exec(pathname);
  const section = adminSection(admin?.[1]);
  if (section) return { name: 'admin', section };
  const alerts = /^\/alerts(?:\/([a-z0-9]+))?\/?$/.exec(pathname);
  if (alerts) return alertsRoute(alerts[1]);
  const fleet = /^\/fleet(?:\/([^/]+))?\/?$/.exec(pathname);
  if (fleet) return fleetRoute(fleet[1]);
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
