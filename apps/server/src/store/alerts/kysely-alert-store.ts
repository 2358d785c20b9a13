import type { Kysely } from 'kysely';
import type { AlertStore } from '../alert-store.js';
import type { Database } from '../schema.js';
import * as alerts from './alert-rows.js';
import * as channels from './channel-rows.js';
import * as claims from './delivery-claims.js';
import * as outbox from './outbox-rows.js';
import * as rules from './rule-rows.js';

/** The alert port over the store's Kysely handle: the same queries serve SQLite and Postgres. */
export function createKyselyAlertStore(db: Kysely<Database>): AlertStore {
  return {
    listRules: () => rules.listRules(db),
    getRule: (id) => rules.getRule(db, id),
    createRule: (rule, now) => rules.createRule(db, rule, now),
    updateRule: (id, rule, now) => rules.updateRule(db, id, rule, now),
    deleteRule: (id) => rules.deleteRule(db, id),

    listChannels: () => channels.listChannels(db),
    getChannel: (id) => channels.getChannel(db, id),
    createChannel: (channel, now) => channels.createChannel(db, channel, now),
    updateChannel: (id, channel, now) => channels.updateChannel(db, id, channel, now),
    deleteChannel: (id) => channels.deleteChannel(db, id),

    openAlert: (alert, targets, now) => alerts.openAlert(db, alert, targets, now),
    repeatAlert: (id, targets, now) => alerts.repeatAlert(db, id, targets, now),
    resolveAlert: (id, resolvedAt, targets, now) => alerts.resolveAlert(db, id, resolvedAt, targets, now),
    acknowledgeAlert: (id, by, at) => alerts.acknowledgeAlert(db, id, by, at),
    silenceAlert: (id, until) => alerts.silenceAlert(db, id, until),
    getAlert: (id) => alerts.getAlert(db, id),
    listAlerts: (query) => alerts.listAlerts(db, query),
    listActiveAlerts: () => alerts.listActiveAlerts(db),

    claimDueDeliveries: (now, limit, leaseMs) => claims.claimDueDeliveries(db, now, limit, leaseMs),
    markDelivered: (id, at) => claims.markDelivered(db, id, at),
    markFailed: (id, error, nextAttemptAt) => claims.markFailed(db, id, error, nextAttemptAt),
    retryDelivery: (id, now) => outbox.retryDelivery(db, id, now),
    listDeliveries: (query) => outbox.listDeliveries(db, query),
    nextDeliveryDueAt: () => claims.nextDeliveryDueAt(db),
  };
}
