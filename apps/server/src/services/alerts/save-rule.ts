import type { Clock } from '@gpu-sentinel/core';
import type { AlertRule, RuleBody } from '@gpu-sentinel/protocol';
import { ValidationError } from '../../errors/app-error.js';
import type { AlertStore } from '../../store/alert-store.js';
import type { AuditContext } from '../auth/identity-deps.js';
import type { AlertAudit, ChangeAction } from './alert-audit.js';
import type { AlertControl } from './alert-control.js';
import { requireRule } from './get-rule.js';

export interface RuleWriteDeps {
  alertStore: Pick<AlertStore, 'createRule' | 'updateRule' | 'deleteRule' | 'getRule' | 'listChannels'>;
  alerts: Pick<AlertControl, 'rulesChanged'>;
  audit: AlertAudit;
  clock: Clock;
}

/** A new rule; the engine evaluates it from its next tick. A taken name is a 409 (from the store). */
export async function createRule(deps: RuleWriteDeps, body: RuleBody, context: AuditContext): Promise<AlertRule> {
  await requireChannels(deps, body.channels);
  const rule = await deps.alertStore.createRule(body, deps.clock.now());
  await ruleChanged(deps, 'created', rule, context);
  return rule;
}

/** Replace a rule whole; its open alerts follow the new definition from the engine's next tick. */
export async function updateRule(
  deps: RuleWriteDeps,
  id: number,
  body: RuleBody,
  context: AuditContext,
): Promise<AlertRule> {
  await requireChannels(deps, body.channels);
  const rule = requireRule(await deps.alertStore.updateRule(id, body, deps.clock.now()), id);
  await ruleChanged(deps, 'updated', rule, context);
  return rule;
}

/** Delete a rule; the engine resolves its open alerts. */
export async function deleteRule(deps: RuleWriteDeps, id: number, context: AuditContext): Promise<void> {
  const rule = requireRule(await deps.alertStore.getRule(id), id);
  if (!(await deps.alertStore.deleteRule(id))) requireRule(undefined, id);
  await deps.alerts.rulesChanged();
  await deps.audit.recordAudit({
    type: 'rule.changed',
    context,
    target: rule.name,
    details: { action: 'deleted', id },
  });
}

/** A rule may only notify channels that exist (a GPU in its scope, on the other hand, may appear later). */
async function requireChannels(deps: RuleWriteDeps, channelIds: readonly number[]): Promise<void> {
  if (channelIds.length === 0) return;
  const known = new Set((await deps.alertStore.listChannels()).map((channel) => channel.id));
  const unknown = channelIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new ValidationError(`channels: no channel with id ${unknown.join(', ')}`, 'channels');
}

async function ruleChanged(
  deps: RuleWriteDeps,
  action: ChangeAction,
  rule: AlertRule,
  context: AuditContext,
): Promise<void> {
  await deps.alerts.rulesChanged();
  const { id, name, metric, op, threshold, forSeconds, clearThreshold, severity, scope, channels, enabled } = rule;
  await deps.audit.recordAudit({
    type: 'rule.changed',
    context,
    target: name,
    details: { action, id, metric, op, threshold, forSeconds, clearThreshold, severity, scope, channels, enabled },
  });
}
