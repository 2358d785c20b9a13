import type { SystemDiagnostics } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from './route-deps.js';

/** `GET /system/diagnostics`: the System page's numbers, for admins (recent errors can name paths and hosts). */
export function registerDiagnosticsRoute(app: FastifyInstance, read: () => Promise<SystemDiagnostics>): void {
  app.get(`${API_PREFIX}/system/diagnostics`, { config: { policy: 'diagnostics:read' } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return read();
  });
}
