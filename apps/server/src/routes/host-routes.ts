import { HostParams } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { getHost } from '../services/get-host.js';
import { listHosts } from '../services/list-hosts.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

const READ = { config: { policy: 'gpus:read' } } as const;

/** The fleet: every host stored or live, and one host with its GPUs. */
export function registerHostRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/hosts`, READ, () => listHosts(deps.live, deps.store));

  app.get(`${API_PREFIX}/hosts/:hostId`, READ, (request) => {
    const { hostId } = parseInput(HostParams, request.params, 'path');
    return getHost(deps.live, deps.store, hostId);
  });
}
