import { GpuHistoryQuery, UuidParams } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { getGpuHistory } from '../services/get-gpu-history.js';
import { getGpu } from '../services/get-gpu.js';
import { listGpuProcesses } from '../services/list-gpu-processes.js';
import { listGpus } from '../services/list-gpus.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

const READ = { config: { policy: 'gpus:read' } } as const;

export function registerGpuRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/gpus`, READ, () => listGpus(deps.live));

  app.get(`${API_PREFIX}/gpus/:uuid`, READ, (request) => {
    const { uuid } = parseInput(UuidParams, request.params, 'path');
    return getGpu(deps.live, uuid);
  });

  app.get(`${API_PREFIX}/gpus/:uuid/processes`, READ, (request) => {
    const { uuid } = parseInput(UuidParams, request.params, 'path');
    return listGpuProcesses(deps.live, uuid);
  });

  app.get(`${API_PREFIX}/gpus/:uuid/history`, READ, async (request) => {
    const { uuid } = parseInput(UuidParams, request.params, 'path');
    const query = parseInput(GpuHistoryQuery, request.query, 'query');
    return getGpuHistory(deps, uuid, query);
  });
}
