import { ChannelBody, IdParams } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { auditContextOf } from '../auth/request-principal.js';
import { parseInput } from '../errors/parse-input.js';
import { getChannel, listChannels } from '../services/alerts/get-channel.js';
import { createChannel, deleteChannel, updateChannel } from '../services/alerts/save-channel.js';
import { testChannel } from '../services/alerts/test-channel.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

/** Channels hold receiver URLs and addresses (secrets are never sent back): admins only, reading included. */
const ADMIN = { config: { policy: 'channels:write' } } as const;

export function registerChannelRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/channels`, ADMIN, () => listChannels(deps));

  app.get(`${API_PREFIX}/channels/:id`, ADMIN, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return getChannel(deps, id);
  });

  app.post(`${API_PREFIX}/channels`, ADMIN, async (request, reply) => {
    const body = parseInput(ChannelBody, request.body, 'body');
    return reply.code(201).send(await createChannel(deps, body, auditContextOf(request)));
  });

  /** A secret field left out keeps the stored one. */
  app.put(`${API_PREFIX}/channels/:id`, ADMIN, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const body = parseInput(ChannelBody, request.body, 'body');
    return updateChannel(deps, id, body, auditContextOf(request));
  });

  app.delete(`${API_PREFIX}/channels/:id`, ADMIN, async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    await deleteChannel(deps, id, auditContextOf(request));
    return reply.code(204).send();
  });

  /** 200 whatever the receiver answered: `ok: false` with its error when it refused or was unreachable. */
  app.post(`${API_PREFIX}/channels/:id/test`, ADMIN, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return testChannel(deps, id);
  });
}
