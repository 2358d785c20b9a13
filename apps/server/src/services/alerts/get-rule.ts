import type { AlertRule } from '@gpu-sentinel/protocol';
import { NotFoundError } from '../../errors/app-error.js';
import type { AlertStore } from '../../store/alert-store.js';

/** One rule by id; a 404 naming the id when there is none. */
export async function getRule(deps: { alertStore: Pick<AlertStore, 'getRule'> }, id: number): Promise<AlertRule> {
  return requireRule(await deps.alertStore.getRule(id), id);
}

export function requireRule(rule: AlertRule | undefined, id: number): AlertRule {
  if (rule === undefined) throw new NotFoundError(`id: no rule with id ${id}`, 'id');
  return rule;
}
