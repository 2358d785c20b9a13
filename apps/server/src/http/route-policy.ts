import { RoutePolicy, type Principal } from '@gpu-sentinel/protocol';
import type { FastifyInstance, RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs: `public`, or an action the core policy decides on. Required on every route. */
    policy?: RoutePolicy;
    /** The route also takes a single-use stream ticket (`?ticket=`) as its credential. */
    acceptsTicket?: boolean;
  }
  interface FastifyInstance {
    /** Every route and what it declared, `METHOD /url` → policy, as registered (for the coverage tests). */
    readonly routePolicies: ReadonlyMap<string, RoutePolicy>;
  }
  interface FastifyRequest {
    /** Who is asking, once the auth hook has run; null when no valid credential came with the request. */
    principal: Principal | null;
  }
}

/** A route without a valid declared policy: a programming error, so the server refuses to start. */
export class MissingPolicyError extends Error {
  constructor(method: string, url: string) {
    super(`route ${method} ${url} declares no policy: add config: { policy: 'public' | <action> }`);
    this.name = 'MissingPolicyError';
  }
}

/**
 * Deny by default: every route must declare its policy when it is registered. The one route a plugin
 * registers is declared public here, explicitly: @fastify/cors's `OPTIONS *`, which only answers preflights.
 */
export function requireRoutePolicies(app: FastifyInstance): void {
  const policies = new Map<string, RoutePolicy>();
  app.decorate('routePolicies', policies);
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = route.config ?? {};
    if (isCorsPreflight(route)) route.config = { ...config, policy: 'public' };
    const declared = RoutePolicy.safeParse(route.config?.policy);
    if (!declared.success) throw new MissingPolicyError(String(route.method), route.url);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) policies.set(`${method} ${route.url}`, declared.data);
  });
}

function isCorsPreflight(route: RouteOptions): boolean {
  return route.method === 'OPTIONS' && route.url === '*';
}
