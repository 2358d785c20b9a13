import { StorageSettingsBody } from '@gpu-sentinel/protocol';
import type { FastifyInstance } from 'fastify';
import { parseInput } from '../errors/parse-input.js';
import { getStorageStatus, updateStorageSettings } from '../services/get-storage-status.js';
import { auditSettingChange } from './audit-setting-change.js';
import { API_PREFIX, type RouteDeps } from './route-deps.js';

const ADMIN = { config: { policy: 'storage:admin' } } as const;

export function registerStorageRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(`${API_PREFIX}/storage`, ADMIN, () => getStorageStatus(deps));

  app.put(`${API_PREFIX}/storage`, ADMIN, async (request) => {
    const body = parseInput(StorageSettingsBody, request.body, 'body');
    const status = await updateStorageSettings(deps, body);
    await auditSettingChange(deps.audit, request, 'retention', status.retention);
    return status;
  });
}
