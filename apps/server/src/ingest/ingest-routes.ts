import { IngestRequest, type AgentIdentity, type IngestResponse } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { API_PREFIX } from '../routes/route-deps.js';
import { AgentConnection } from './agent-connection.js';
import type { IngestHost, IngestService } from './ingest-service.js';

/** The biggest HTTP ingest body: up to 256 batches of a large host's ticks. */
export const INGEST_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

export interface IngestRouteDeps {
  ingest: IngestService;
  serverVersion: string;
  log: { warn(details: object, message: string): void };
}

/**
 * `GET /agent` (WebSocket) and `POST /ingest` (HTTP fallback), for `ingest`-scoped API keys (and
 * admins). Both go through the same ingest service; the HTTP answer comes once the batches are stored.
 */
export function registerIngestRoutes(app: FastifyInstance, deps: IngestRouteDeps): void {
  app.get(`${API_PREFIX}/agent`, { websocket: true, config: { policy: 'ingest' } }, (socket) => {
    new AgentConnection(socket, deps);
  });

  app.post(
    `${API_PREFIX}/ingest`,
    { config: { policy: 'ingest' }, bodyLimit: INGEST_BODY_LIMIT_BYTES },
    async (request): Promise<IngestResponse> => {
      const body = parseInput(IngestRequest, request.body, 'body');
      return { ackedSeq: await ingestOverHttp(deps.ingest, body) };
    },
  );
}

/** Register, apply the latest state, then store every batch (all checked before any is queued); the stream's mark. */
async function ingestOverHttp(ingest: IngestService, body: IngestRequest): Promise<number> {
  const host = hostOf(body.agent);
  ingest.checkBatches(
    host,
    body.batches.map((batch) => batch.samples),
    'batches',
  );
  await ingest.register(host);
  if (body.source !== undefined) ingest.applySource(host, body.source);
  if (body.inventory !== undefined) await ingest.applyInventory(host, body.inventory);
  if (body.processes !== undefined) ingest.applyProcesses(host, body.processes);
  const { streamId } = body.agent;
  await Promise.all(
    body.batches.map((batch) => ingest.storeBatch(host, { streamId, seq: batch.seq, samples: batch.samples })),
  );
  return ingest.streamMark(streamId);
}

function hostOf(agent: AgentIdentity): IngestHost {
  return {
    hostId: agent.hostId,
    hostname: agent.hostname,
    labels: agent.labels,
    agentVersion: agent.agentVersion,
    isLocal: false,
    intervalMs: agent.intervalMs,
  };
}
