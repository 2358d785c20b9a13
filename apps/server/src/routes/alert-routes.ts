import { AlertListQuery, IdParams, SilenceBody } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../services/auth/identity-deps.js';
import { principalOf } from '../auth/request-principal.js';
import { parseInput } from '../errors/parse-input.js';
import { acknowledgeAlert } from '../services/alerts/acknowledge-alert.js';
import { getAlert } from '../services/alerts/get-alert.js';
import { liftSilence, silenceAlert } from '../services/alerts/silence-alert.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

const READ = { config: { policy: 'alerts:read' } } as const;
const ACK = { config: { policy: 'alerts:ack' } } as const;

export function registerAlertRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/alerts`, READ, (request) =>
    deps.alertStore.listAlerts(parseInput(AlertListQuery, request.query, 'query')),
  );

  app.get(`${API_PREFIX}/alerts/:id`, READ, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return getAlert(deps, id);
  });

  /** `acknowledgedBy`: the username, or `apikey:<name>` for a key. */
  app.post(`${API_PREFIX}/alerts/:id/ack`, ACK, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return acknowledgeAlert(deps, id, actorOf(principalOf(request)));
  });

  app.post(`${API_PREFIX}/alerts/:id/silence`, ACK, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const { durationSeconds } = parseInput(SilenceBody, request.body, 'body');
    return silenceAlert(deps, id, durationSeconds);
  });

  app.delete(`${API_PREFIX}/alerts/:id/silence`, ACK, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return liftSilence(deps, id);
  });
}
