import { HistoryQuery } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { getHistory } from '../services/get-history.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

/** Rate-limited like every `/history` (http/rate-limits.ts matches the path). */
export function registerHistoryRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/history`, { config: { policy: 'gpus:read' } }, async (request) => {
    const query = parseInput(HistoryQuery, request.query, 'query');
    return getHistory(deps, query);
  });
}
