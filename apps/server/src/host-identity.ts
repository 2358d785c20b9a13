import { hostname as osHostname } from 'node:os';

export interface HostIdentity {
  hostId: string;
  hostname: string;
}

/** This host's name (`--hostname` or the OS's) and a stable id derived from it. */
export function hostIdentity(configured: string | undefined): HostIdentity {
  const hostname = configured ?? osHostname();
  const hostId = hostname.toLowerCase().replace(/[^a-z0-9.-]+/g, '-') || 'localhost';
  return { hostId, hostname };
}
