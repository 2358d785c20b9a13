import { ExportQuery } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { parseInput } from '../errors/parse-input.js';
import { openExport } from '../services/export/export-history.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

/**
 * `GET /export`, streamed: the body is a Readable over the store's chunks, so a chunk is read only
 * when the client has taken the last one, and a client that goes away destroys the stream, which
 * ends the store's read. Rate-limited like history (http/rate-limits.ts matches the path).
 */
export function registerExportRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/export`, { config: { policy: 'export:read' } }, async (request, reply) => {
    const query = parseInput(ExportQuery, request.query, 'query');
    const opened = await openExport(deps, query);
    const fields = { format: opened.format, tier: opened.tier, from: opened.from, to: opened.to, gpus: opened.uuids };
    const startedAt = deps.clock.now();
    request.log.info(fields, 'export started');
    const body = Readable.from(opened.body, { objectMode: false, highWaterMark: 1 });
    body.on('close', () => {
      const outcome = { ...fields, rows: opened.rows(), durationMs: deps.clock.now() - startedAt };
      if (body.readableEnded) request.log.info(outcome, 'export finished');
      else request.log.info(outcome, 'export ended before its last row (client gone or read failed)');
    });
    return reply
      .header('content-type', opened.contentType)
      .header('content-disposition', `attachment; filename="${opened.filename}"`)
      .send(body);
  });
}
