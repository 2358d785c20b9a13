import { hostname as osHostname } from 'node:os';
import { hostIdOf } from '@gpu-sentinel/core';

export interface HostIdentity {
  hostId: string;
  hostname: string;
}

/** This host's name (`--hostname` or the OS's) and a stable id derived from it. */
export function hostIdentity(configured: string | undefined): HostIdentity {
  const hostname = configured ?? osHostname();
  return { hostId: hostIdOf(hostname), hostname };
}
