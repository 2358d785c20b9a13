/**
 * Every query key in one place: the stream writes into the same entries the REST queries fill,
 * so both must agree on the keys.
 */
export const queryKeys = {
  system: ['system'] as const,
  gpus: ['gpus'] as const,
  gpu: (uuid: string) => ['gpu', uuid] as const,
  gpuRoot: ['gpu'] as const,
  processes: (uuid: string) => ['gpu', uuid, 'processes'] as const,
  history: (uuid: string, windowMs: number, points: number) => ['gpu', uuid, 'history', { windowMs, points }] as const,
  /** Client-kept ring buffer of the recent samples of one GPU, fed by the stream. */
  live: (uuid: string) => ['live', uuid] as const,
  liveRoot: ['live'] as const,
  /** The state of the stream's WebSocket. */
  connection: ['connection'] as const,
  /** Alerts: the active list and the history pages; `alert` messages from the stream update both. */
  alertsRoot: ['alerts'] as const,
  activeAlerts: ['alerts', 'active'] as const,
  alertHistoryRoot: ['alerts', 'history'] as const,
  alertHistory: (filters: { state: string | null; severity: string | null }) => ['alerts', 'history', filters] as const,
  alert: (id: number) => ['alerts', 'one', id] as const,
  /** Fleet: every host's facts, and one host with its GPUs. */
  hostsRoot: ['hosts'] as const,
  hosts: ['hosts', 'all'] as const,
  host: (hostId: string) => ['hosts', 'one', hostId] as const,
  /** Client-kept: the critical alerts that opened while this tab watched, shown as toasts until dismissed. */
  alertToasts: ['alert-toasts'] as const,
};
