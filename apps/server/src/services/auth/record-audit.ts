import type { AuditEventType } from '@gpu-sentinel/protocol';
import type { AuditRecord } from '../../store/identity-store.js';
import type { AuditContext, IdentityDeps } from './identity-deps.js';

/** Failures and revocations are warnings; the rest is information. */
const WARNING_TYPES: ReadonlySet<AuditEventType> = new Set([
  'login.failed',
  'login.locked_out',
  'refresh.reuse_detected',
]);

export interface AuditInput {
  type: AuditEventType;
  context: AuditContext;
  target: string | null;
  details?: Record<string, unknown>;
}

/** Store a security event in the audit log and log it, marked `security: true`. Never given a password. */
export async function recordAudit(
  deps: Pick<IdentityDeps, 'store' | 'clock' | 'logger'>,
  input: AuditInput,
): Promise<AuditRecord> {
  const record = await deps.store.insertAudit({
    ts: deps.clock.now(),
    type: input.type,
    actor: input.context.actor,
    target: input.target,
    ip: input.context.ip,
    details: input.details ?? {},
  });
  const fields = {
    security: true,
    event: record.type,
    actor: record.actor,
    target: record.target,
    ip: record.ip,
    ...record.details,
  };
  if (WARNING_TYPES.has(record.type)) deps.logger.warn(fields, `security: ${record.type}`);
  else deps.logger.info(fields, `security: ${record.type}`);
  return record;
}
