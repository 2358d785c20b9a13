import { IntervalBody, RecordingBody } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { getSystemStatus } from '../services/get-system-status.js';
import { setRecording } from '../services/set-recording.js';
import { setSamplingInterval } from '../services/set-sampling-interval.js';
import { auditSettingChange } from './audit-setting-change.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

const WRITE = { config: { policy: 'system:write' } } as const;

export function registerSystemRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/system`, { config: { policy: 'system:read' } }, () => getSystemStatus(deps.live, deps.facts));

  app.put(`${API_PREFIX}/system/recording`, WRITE, async (request) => {
    const body = parseInput(RecordingBody, request.body, 'body');
    const status = setRecording(deps, body.recording);
    await auditSettingChange(deps.audit, request, 'recording', body.recording);
    return status;
  });

  app.put(`${API_PREFIX}/system/interval`, WRITE, async (request) => {
    const body = parseInput(IntervalBody, request.body, 'body');
    const status = setSamplingInterval(deps, body.intervalMs);
    await auditSettingChange(deps.audit, request, 'intervalMs', body.intervalMs);
    return status;
  });
}
