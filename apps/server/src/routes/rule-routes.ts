import { IdParams, RuleBody, RulePreviewBody, type RuleList } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { auditContextOf } from '../auth/request-principal.js';
import { parseInput } from '../errors/parse-input.js';
import { getRule } from '../services/alerts/get-rule.js';
import { previewRule } from '../services/alerts/preview-rule.js';
import { createRule, deleteRule, updateRule } from '../services/alerts/save-rule.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

const READ = { config: { policy: 'alerts:read' } } as const;
const WRITE = { config: { policy: 'rules:write' } } as const;

export function registerRuleRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/rules`, READ, async (): Promise<RuleList> => ({ items: await deps.alertStore.listRules() }));

  app.get(`${API_PREFIX}/rules/:id`, READ, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    return getRule(deps, id);
  });

  app.post(`${API_PREFIX}/rules`, WRITE, async (request, reply) => {
    const body = parseInput(RuleBody, request.body, 'body');
    return reply.code(201).send(await createRule(deps, body, auditContextOf(request)));
  });

  /** Anyone who can read rules may try one out: it changes nothing. */
  app.post(`${API_PREFIX}/rules/preview`, READ, (request) =>
    previewRule(deps, parseInput(RulePreviewBody, request.body, 'body')),
  );

  app.put(`${API_PREFIX}/rules/:id`, WRITE, (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const body = parseInput(RuleBody, request.body, 'body');
    return updateRule(deps, id, body, auditContextOf(request));
  });

  app.delete(`${API_PREFIX}/rules/:id`, WRITE, async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    await deleteRule(deps, id, auditContextOf(request));
    return reply.code(204).send();
  });
}
