import type { AuditInput } from '../auth/record-audit.js';

/** Where rule and channel changes are recorded: the audit log (the same port the HTTP layer writes to). */
export interface AlertAudit {
  recordAudit(input: AuditInput): Promise<unknown>;
}

export type ChangeAction = 'created' | 'updated' | 'deleted';
